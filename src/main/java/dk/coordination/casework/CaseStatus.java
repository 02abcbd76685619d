package dk.coordination.casework;

/**
 * Where a case stands. Which status may follow which is {@link CaseWorkflow}'s business.
 */
public enum CaseStatus {

	/** Submitted, not yet looked at by the secretariat. */
	RECEIVED,
	/** The secretariat gathers information and judges the concern. */
	SCREENING,
	/** On (or for) the agenda of the unit's next meeting. */
	AWAITING_MEETING,
	/** Tasks are running at the participating organisations. */
	ACTIVE,
	/** The plan is carried out; the unit keeps following up. */
	MONITORING,
	/** Closed with a {@link ClosingReason}; may be reopened. */
	CLOSED

}
