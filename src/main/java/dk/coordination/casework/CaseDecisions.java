package dk.coordination.casework;

import java.util.UUID;

import dk.coordination.security.CurrentUser;

/**
 * Applies a meeting's decision to a case, with the same rules as the case endpoints (only
 * the unit's secretariat; transitions by the workflow table; participants as recorded
 * disclosures). Runs in the caller's transaction, so a decision that fails halfway
 * changes nothing.
 */
public interface CaseDecisions {

	/**
	 * @return the case's status after the decision
	 * @throws org.springframework.web.ErrorResponseException with the status the matching
	 * case endpoint would answer (404, 403, 409, 400)
	 */
	CaseStatus apply(UUID caseId, CaseDecision decision, boolean reviewItem, CurrentUser user);

}
