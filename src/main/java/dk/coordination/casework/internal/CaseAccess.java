package dk.coordination.casework.internal;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;
import dk.coordination.web.Problems;

/**
 * Need to know, in one place. Every case endpoint asks this class how the caller stands
 * to the case and what that lets them see or do; {@code docs/access-rules.md} is the same
 * table in prose, and {@code AuthorizationMatrixIntegrationTests} checks it endpoint by
 * endpoint.
 * <p>
 * Auditors and administrators never reach case content (the security rules keep them off
 * the case endpoints), so only the working roles count here. A case the caller may not
 * see answers exactly like a case that does not exist.
 */
@Component
class CaseAccess {

	private final CoordinationUnits units;

	private final ConcernCaseRepository cases;

	private final ParticipantRepository participants;

	CaseAccess(CoordinationUnits units, ConcernCaseRepository cases, ParticipantRepository participants) {
		this.units = units;
		this.cases = cases;
		this.participants = participants;
	}

	/**
	 * How one user stands to one case, decided from the current configuration and data.
	 */
	record Access(CurrentUser user, ConcernCase concernCase, boolean secretariat, boolean participant,
			boolean submitter, boolean municipalDepartment, boolean municipalCoordinator) {

		/** The case itself: status, closing reason, the subject. */
		boolean canSeeCase() {
			return this.secretariat || this.participant || this.submitter;
		}

		/** Participants, tasks, every organisation's status reports. */
		boolean canSeeCooperation() {
			return this.secretariat || this.participant;
		}

		/** That a referral exists: who sent it, when, what kind. */
		boolean canSeeReferral(Referral referral) {
			return this.secretariat || this.participant || this.user.belongsTo(referral.getSubmittedByOrganisation());
		}

		/**
		 * What a referral says: the secretariat's, the sender's, or shared with
		 * participants.
		 */
		boolean canReadReferralContent(Referral referral) {
			return this.secretariat || this.user.belongsTo(referral.getSubmittedByOrganisation())
					|| (this.participant && referral.isSharedWithParticipants());
		}

		/** The CPR number in full; everyone else sees it masked. */
		boolean canSeeFullCpr() {
			return this.secretariat;
		}

		/** Moving the case, managing participants, tasks, sharing and follow-up. */
		boolean canManage() {
			return this.secretariat;
		}

		/**
		 * Staff of the responsible organisation update its own tasks; the secretariat
		 * any.
		 */
		boolean canUpdateTask(CaseTask task) {
			return this.secretariat || (this.participant && this.user.belongsTo(task.getOrganisation())
					&& this.user.hasAnyRole(Role.LIAISON, Role.CASEWORKER));
		}

		/** Only an organisation taking part reports on its own part. */
		boolean canReportStatus() {
			return this.participant;
		}

		/**
		 * A change in the case's history. Those who follow a concern they submitted see
		 * what became of the case and their own referrals, not the cooperation around it.
		 */
		boolean canSeeHistoryChange(CaseHistory.Change change) {
			if (canSeeCooperation()) {
				return true;
			}
			return switch (change) {
				case CaseHistory.Change.CaseOpened opened -> this.submitter;
				case CaseHistory.Change.StatusChanged changed -> this.submitter;
				case CaseHistory.Change.ReferralAdded added -> this.user.belongsTo(added.organisation());
				default -> false;
			};
		}

		/**
		 * The municipality's own coordination thread: only staff of the unit's municipal
		 * departments, and of those only who may see the case or coordinates the
		 * departments. Non-municipal organisations cannot learn that the thread exists,
		 * even as secretariat.
		 */
		boolean canUseMunicipalThread() {
			return this.municipalDepartment && (canSeeCase() || this.municipalCoordinator);
		}

	}

	Access of(CurrentUser user, ConcernCase concernCase) {
		if (user.organisation() == null || !user.hasAnyRole(Role.SECRETARIAT_STAFF, Role.LIAISON, Role.CASEWORKER)) {
			return new Access(user, concernCase, false, false, false, false, false);
		}
		String unitCode = concernCase.getUnitCode();
		UUID caseId = concernCase.getId();
		boolean municipal = this.units.isMunicipalDepartmentOf(user.organisation(), unitCode);
		boolean coordinator = municipal
				&& this.units.find(unitCode).map(UnitDetails::municipalCoordinator).filter(user::belongsTo).isPresent();
		return new Access(user, concernCase, this.units.actsAsSecretariat(user, unitCode),
				this.participants.isActive(caseId, user.organisation()),
				this.cases.hasReferralFrom(caseId, user.organisation()), municipal, coordinator);
	}

	/**
	 * The case with the caller's access to it; 404 unless the caller may see the case.
	 */
	Access requireVisible(UUID caseId, CurrentUser user) {
		Access access = load(caseId, user);
		if (!access.canSeeCase()) {
			throw notFound(caseId);
		}
		return access;
	}

	/** Like {@link #requireVisible} for the municipal thread: 404 for everyone else. */
	Access requireMunicipalThread(UUID caseId, CurrentUser user) {
		Access access = load(caseId, user);
		if (!access.canUseMunicipalThread()) {
			throw notFound(caseId);
		}
		return access;
	}

	private Access load(UUID caseId, CurrentUser user) {
		ConcernCase concernCase = this.cases.findById(caseId).orElseThrow(() -> notFound(caseId));
		return of(user, concernCase);
	}

	static ErrorResponseException notFound(UUID caseId) {
		return Problems.notFound("No case " + caseId + " that you have access to.");
	}

	static ErrorResponseException forbidden(String detail) {
		return Problems.of(HttpStatus.FORBIDDEN, detail);
	}

}
