package dk.coordination.casework;

/**
 * Where a referral stands, as its submitter follows it. It moves only forward and only
 * through what the secretariat does after the referral arrived, so a referral added to a
 * case that was already under way starts at RECEIVED like any other and its state reveals
 * nothing about the case before it.
 */
public enum ReferralState {

	/** Arrived; the secretariat has not acted on it yet. */
	RECEIVED,
	/** The secretariat has taken it in: moved its case on or given feedback. */
	IN_PROGRESS,
	/** The case it went to was closed after it arrived. */
	CLOSED

}
