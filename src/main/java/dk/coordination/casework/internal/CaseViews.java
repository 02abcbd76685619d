package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.LegalBasis;
import dk.coordination.organisation.SecretariatModel;

/**
 * What the case endpoints answer. Entities never reach JSON; these records do.
 */
final class CaseViews {

	private CaseViews() {
	}

	/** A line of the case list: the CPR number only masked. */
	record CaseSummary(UUID caseId, String caseNumber, String unit, CaseStatus status, ClosingReason closingReason,
			String subjectName, String subjectCpr, boolean newInformation, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CasePage(List<CaseSummary> items, String nextCursor) {
	}

	/**
	 * The case as one caller may see it. {@code allowedTransitions} and
	 * {@code earlierCases} are the secretariat's; others get them empty.
	 */
	record CaseView(UUID caseId, String caseNumber, String unit, CaseStatus status, ClosingReason closingReason,
			String statusReason, SecretariatModel statusChangedUnderModel, boolean newInformation, Instant createdAt,
			Instant updatedAt, Subject subject, List<ReferralView> referrals, List<CaseStatus> allowedTransitions,
			List<EarlierCase> earlierCases) {
	}

	/**
	 * @param cpr in full for the secretariat, masked for everyone else
	 */
	record Subject(String name, String address, String cpr) {
	}

	record ReferralView(UUID referralId, Instant submittedAt, String organisation, String submittedBy,
			ConcernCategory category, LegalBasis legalBasis, String legalBasisProvision, boolean urgent,
			String concern) {
	}

	/**
	 * Another case about the same person in the unit: repeat concerns must not go unseen.
	 */
	record EarlierCase(UUID caseId, String caseNumber, CaseStatus status, ClosingReason closingReason,
			Instant createdAt) {
	}

}
