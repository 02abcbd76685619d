package dk.coordination.casework.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
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
			String statusReason, SecretariatModel statusChangedUnderModel, boolean newInformation,
			LocalDate followUpDate, Instant createdAt, Instant updatedAt, Subject subject, List<ReferralView> referrals,
			List<ParticipantView> participants, List<TaskView> tasks, List<StatusReportView> latestStatusReports,
			List<CaseStatus> allowedTransitions, List<EarlierCase> earlierCases) {
	}

	/**
	 * @param cpr in full for the secretariat, masked for everyone else
	 */
	record Subject(String name, String address, String cpr) {
	}

	/**
	 * @param concern the concern's text, or null when {@code contentWithheld}:
	 * participants read only what the secretariat shared with them
	 */
	record ReferralView(UUID referralId, Instant submittedAt, String organisation, String submittedBy,
			ConcernCategory category, LegalBasis legalBasis, String legalBasisProvision, boolean urgent,
			boolean sharedWithParticipants, String concern, boolean contentWithheld) {

		ReferralView withoutContent() {
			return new ReferralView(this.referralId, this.submittedAt, this.organisation, this.submittedBy,
					this.category, this.legalBasis, this.legalBasisProvision, this.urgent, this.sharedWithParticipants,
					null, true);
		}

	}

	/**
	 * A disclosure of the case to an organisation. {@code usageRestriction} is what the
	 * receiving organisation must respect (retsplejeloven § 115, stk. 2).
	 */
	record ParticipantView(String organisation, LegalBasis legalBasis, String legalBasisProvision, String purpose,
			String usageRestriction, String disclosedBy, String disclosedByOrganisation, Instant startedAt,
			Instant endedAt, String endedBy, String endReason, boolean active) {
	}

	record TaskView(UUID taskId, String organisation, String description, LocalDate dueDate, TaskState state,
			String outcome, String createdBy, Instant createdAt, Instant updatedAt, long version) {
	}

	record StatusReportView(UUID reportId, String organisation, Involvement involvement, String text, String reportedBy,
			Instant reportedAt) {
	}

	record MunicipalNoteView(UUID noteId, String author, String organisation, Instant writtenAt, String text) {
	}

	/**
	 * Another case about the same person in the unit: repeat concerns must not go unseen.
	 */
	record EarlierCase(UUID caseId, String caseNumber, CaseStatus status, ClosingReason closingReason,
			Instant createdAt) {
	}

}
