package dk.coordination.casework;

import java.util.UUID;

/**
 * A concern about a person with an open case was added to that case as new information.
 */
public record ReferralAttached(UUID caseId, String unitCode, UUID referralId, boolean urgent) {
}
