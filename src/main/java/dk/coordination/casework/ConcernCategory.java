package dk.coordination.casework;

public enum ConcernCategory {

	MILITANT_ISLAMISM, RIGHT_WING, LEFT_WING, OTHER, UNCLEAR

}
