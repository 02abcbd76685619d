package dk.coordination.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral as the organisation that submitted it follows it: its own content, the
 * subject as it gave it, the referral's state and the secretariat's feedback. Never the
 * case behind it, other referrals, or who else is involved.
 *
 * @param subjectCpr the CPR number masked ({@code DDMMYY-xxxx})
 * @param feedback what the secretariat chose to tell the submitter, or null
 */
public record SubmittedReferral(UUID referralId, String receiptNumber, String unit, Instant submittedAt,
		String submittedBy, String subjectName, String subjectAddress, String subjectCpr, String concern,
		ConcernCategory category, LegalBasis legalBasis, boolean urgent, ReferralState state, String feedback,
		Instant feedbackAt) {
}
