package dk.coordination.casework;

import java.util.List;
import java.util.UUID;

import dk.coordination.security.CurrentUser;

/**
 * Turns a concern into a case, or into new information on the person's open case.
 */
public interface CaseIntake {

	/**
	 * @throws dk.coordination.web.InvalidFieldException when the unit does not exist
	 */
	IntakeResult submit(NewReferral referral, CurrentUser submitter);

	/**
	 * The referrals the caller's organisation submitted, newest first; each one shown is
	 * a logged read of the person's data.
	 * @param cursor from the previous page's {@link OwnReferrals#nextCursor()}, or null
	 */
	OwnReferrals ownReferrals(CurrentUser user, String cursor, int size, String purpose);

	/**
	 * One referral the caller's organisation submitted, as a logged read.
	 * @throws org.springframework.web.ErrorResponseException 404 for a referral of
	 * another organisation, the same as for one that does not exist
	 */
	SubmittedReferral ownReferral(UUID referralId, CurrentUser user, String purpose);

	/**
	 * A page of a submitter's own referrals.
	 *
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
	 */
	record OwnReferrals(List<SubmittedReferral> items, String nextCursor) {
	}

}
