package dk.coordination.meeting;

public enum MeetingState {

	/** Convened; the agenda is a draft only the secretariat sees. */
	PLANNED,
	/** An agenda version is published to the invited. */
	AGENDA_PUBLISHED,
	/** Minutes approved. */
	HELD, CANCELLED

}
