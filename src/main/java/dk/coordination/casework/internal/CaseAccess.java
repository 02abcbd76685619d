package dk.coordination.casework.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.organisation.UnitStanding;
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

	/** How the history names the secretariat to those outside it. */
	static final String SECRETARIAT_NAME = "koordineringsenheden";

	/** How the history names any other organisation to those outside the secretariat. */
	static final String OTHER_AUTHORITY = "en anden myndighed";

	/**
	 * How one user stands to one case, decided from the current configuration and data.
	 * An organisation that only submitted a concern has no relation to the case: it
	 * follows its own referrals (see {@code CaseIntake#ownReferrals}), so that intake can
	 * never be used to look up whether a person has a case.
	 * <p>
	 * {@code participants} are the case's participants, past and present, by start, as
	 * the check read them to decide {@code participant}; the case view shows them from
	 * here rather than asking again. A request that adds or ends a participant shows the
	 * participant, not this list.
	 */
	record Access(CurrentUser user, ConcernCase concernCase, UnitDetails unit, boolean secretariat, boolean participant,
			boolean municipalDepartment, boolean municipalCoordinator, List<CaseParticipant> participants) {

		/** The case itself: status, closing reason, the subject. */
		boolean canSeeCase() {
			return this.secretariat || this.participant;
		}

		/** Participants, tasks, every organisation's status reports. */
		boolean canSeeCooperation() {
			return this.secretariat || this.participant;
		}

		/** That a referral exists: which organisation sent it, when, what kind. */
		boolean canSeeReferral(Referral referral) {
			return this.secretariat || this.participant;
		}

		/**
		 * What a referral says: the secretariat's, the sender's, or shared with
		 * participants.
		 */
		boolean canReadReferralContent(Referral referral) {
			return this.secretariat || this.user.belongsTo(referral.getSubmittedByOrganisation())
					|| (this.participant && referral.isSharedWithParticipants());
		}

		/**
		 * The subject as each referral's sender gave it, and whether it differs from the
		 * case's: the secretariat's check against a mistyped CPR number.
		 */
		boolean canCompareSubjects() {
			return this.secretariat;
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

		/**
		 * What the task is and when it is due are the secretariat's to set; the
		 * organisation doing it reports its state and outcome.
		 */
		boolean canReplanTask() {
			return this.secretariat;
		}

		/** Only an organisation taking part reports on its own part. */
		boolean canReportStatus() {
			return this.participant;
		}

		/**
		 * A user named in what the caller reads: the secretariat sees everyone, others
		 * only the people of their own organisation.
		 * @return the user, or null when the caller may not learn who it was
		 */
		String userShown(String organisation, String username) {
			return (this.secretariat || this.user.belongsTo(organisation)) ? username : null;
		}

		/**
		 * An organisation named in the case's history: the secretariat sees every name;
		 * others see their own, "koordineringsenheden" for the secretariat (and for the
		 * service itself), and "en anden myndighed" for anyone else, so the history never
		 * tells who filed first or who else is involved.
		 */
		String organisationShown(String organisation) {
			if (this.secretariat || this.user.belongsTo(organisation)) {
				return organisation;
			}
			if (organisation == null || organisation.equals(this.unit.model1Secretariat())
					|| organisation.equals(this.unit.model2Secretariat())) {
				return SECRETARIAT_NAME;
			}
			return OTHER_AUTHORITY;
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
		if (!user.worksOnCases()) {
			UnitDetails unit = this.units.find(concernCase.getUnitCode()).orElseThrow();
			return new Access(user, concernCase, unit, false, false, false, false, List.of());
		}
		UnitStanding standing = this.units.standing(concernCase.getUnitCode(), user.organisation()).orElseThrow();
		UnitDetails unit = standing.unit();
		boolean municipal = standing.municipalDepartment();
		boolean coordinator = municipal && user.belongsTo(unit.municipalCoordinator());
		List<CaseParticipant> participants = this.participants.findByCaseIdOrderByStartedAt(concernCase.getId());
		boolean participant = participants.stream()
			.anyMatch((taking) -> taking.isActive() && user.belongsTo(taking.getOrganisation()));
		return new Access(user, concernCase, unit, unit.actsAsSecretariat(user), participant, municipal, coordinator,
				participants);
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
		// with its referrals, which most case requests show or check: one statement, not
		// two
		ConcernCase concernCase = this.cases.findWithReferrals(caseId).orElseThrow(() -> notFound(caseId));
		return of(user, concernCase);
	}

	static ErrorResponseException notFound(UUID caseId) {
		return Problems.notFound("No case " + caseId + " that you have access to.");
	}

	static ErrorResponseException forbidden(String detail) {
		return Problems.of(HttpStatus.FORBIDDEN, detail);
	}

}
