package dk.coordination.organisation;

public enum OrganisationType {

	POLICE, PRISON_AND_PROBATION, MUNICIPAL_DEPARTMENT, OTHER

}
