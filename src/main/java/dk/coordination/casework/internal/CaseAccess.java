package dk.coordination.casework.internal;

import org.springframework.stereotype.Component;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

/**
 * Need to know, in one place: how the caller relates to a case decides whether they see
 * it and what of it. Auditors and administrators never reach case content (the security
 * rules keep them off the case endpoints), so only the working roles are considered here.
 */
@Component
class CaseAccess {

	enum Relation {

		/** Acts as secretariat of the case's unit: sees and changes everything. */
		SECRETARIAT,
		/** Works for an organisation that submitted a concern on the case: follows it. */
		SUBMITTER,
		/** Anything else: the case does not exist for them. */
		NONE;

		boolean canSee() {
			return this != NONE;
		}

	}

	private final CoordinationUnits units;

	private final ConcernCaseRepository cases;

	CaseAccess(CoordinationUnits units, ConcernCaseRepository cases) {
		this.units = units;
		this.cases = cases;
	}

	Relation relation(CurrentUser user, ConcernCase concernCase) {
		if (this.units.actsAsSecretariat(user, concernCase.getUnitCode())) {
			return Relation.SECRETARIAT;
		}
		if (user.organisation() != null && user.hasAnyRole(Role.SECRETARIAT_STAFF, Role.LIAISON, Role.CASEWORKER)
				&& this.cases.hasReferralFrom(concernCase.getId(), user.organisation())) {
			return Relation.SUBMITTER;
		}
		return Relation.NONE;
	}

}
