package dk.coordination.casework;

import java.util.List;
import java.util.UUID;

/**
 * A case that belongs on a meeting's agenda, with every reason it does (in the order of
 * {@link AgendaReason}).
 *
 * @param urgent a submitter marked a concern on the case urgent; such cases come first
 */
public record AgendaCandidate(UUID caseId, String caseNumber, List<AgendaReason> reasons, boolean urgent) {
}
