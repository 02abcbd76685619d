package dk.coordination.casework;

import java.util.Set;
import java.util.UUID;

/**
 * The least an agenda needs to say about a case: its number, the person's initials (shown
 * only to those who take part in the case), and which organisations take part.
 *
 * @param subjectKey the keyed hash of the person's CPR number, so reads of the initials
 * are logged against the person in the access log; never shown
 * @param urgent whether a submitter marked a concern on the case urgent
 * @param status where the case stands now, so a meeting page can show what a decision
 * would change before it is saved
 */
public record CaseBrief(UUID caseId, String unitCode, String caseNumber, String subjectInitials,
		Set<String> participants, String subjectKey, boolean urgent, CaseStatus status) {
}
