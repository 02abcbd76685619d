package dk.coordination.casework;

import java.util.UUID;

/**
 * @param attachedToExistingCase true when the person already had an open case in the unit
 * and the concern was added to it as new information
 */
public record IntakeResult(UUID caseId, String caseNumber, CaseStatus status, boolean attachedToExistingCase) {
}
