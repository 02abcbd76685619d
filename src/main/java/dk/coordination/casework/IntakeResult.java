package dk.coordination.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * What intake did with a concern. Only {@link #referralId}, {@link #receiptNumber},
 * {@link #receivedAt} and {@link #unitCode} may reach the submitter: whether the person
 * already had a case is for the secretariat to see.
 *
 * @param caseId the case the referral went to
 * @param attachedToExistingCase true when the person already had an open case in the unit
 * and the concern was added to it as new information
 */
public record IntakeResult(UUID referralId, String receiptNumber, Instant receivedAt, String unitCode, UUID caseId,
		boolean attachedToExistingCase) {
}
