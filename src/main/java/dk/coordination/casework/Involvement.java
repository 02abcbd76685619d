package dk.coordination.casework;

/**
 * How far an organisation has come with its own part of a case, as it reports it.
 */
public enum Involvement {

	NOT_STARTED, IN_PROGRESS, COMPLETED, NO_ACTION_NEEDED

}
