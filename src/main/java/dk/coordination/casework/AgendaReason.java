package dk.coordination.casework;

/**
 * Why a case belongs on the agenda of the unit's next meeting.
 */
public enum AgendaReason {

	/** A new concern screened and waiting for the unit. */
	AWAITING_MEETING,
	/** An open case whose follow-up date falls on or before the meeting day. */
	FOLLOW_UP_DUE,
	/** An unfinished task of an open case was due before the meeting day. */
	OVERDUE_TASKS,
	/** New information arrived that the secretariat has not acted on. */
	NEW_INFORMATION,
	/** A closed case's review (6 or 12 months after closing) is due by the meeting. */
	REVIEW_DUE

}
