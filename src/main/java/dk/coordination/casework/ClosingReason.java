package dk.coordination.casework;

public enum ClosingReason {

	/** The concern proved unfounded. */
	NO_CONCERN,
	/** One authority handles it within its own statutory tasks. */
	HANDLED_BY_ONE_AUTHORITY,
	/** The most serious concerns leave the unit for the police or PET alone. */
	HANDED_TO_POLICE_OR_PET,
	/** The agreed plan is completed. */
	PLAN_COMPLETED,
	/** The person moved out of the unit's area. */
	MOVED_AWAY, OTHER

}
