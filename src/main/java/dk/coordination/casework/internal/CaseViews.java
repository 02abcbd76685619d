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
import dk.coordination.casework.ReferralState;
import dk.coordination.casework.TaskState;
import dk.coordination.organisation.SecretariatModel;

/**
 * What the case endpoints answer. Entities never reach JSON; these records do.
 */
final class CaseViews {

	private CaseViews() {
	}

	/**
	 * A line of the case list: the CPR number only masked.
	 *
	 * @param urgent a submitter marked a concern on the case urgent
	 * @param followUpDate when the secretariat looks at the case next, if set
	 */
	record CaseSummary(UUID caseId, String caseNumber, String unit, CaseStatus status, ClosingReason closingReason,
			String subjectName, String subjectCpr, boolean newInformation, boolean urgent, LocalDate followUpDate,
			Instant createdAt, Instant updatedAt) {
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
	 *
	 * @param mayManage whether the caller may move the case, set its follow-up date,
	 * manage participants and tasks, share referrals and give feedback (the secretariat),
	 * so a client offers only what the service would accept
	 * @param mayReportStatus whether the caller's organisation takes part and so may
	 * write a status report
	 */
	record CaseView(UUID caseId, String caseNumber, String unit, CaseStatus status, ClosingReason closingReason,
			String statusReason, SecretariatModel statusChangedUnderModel, boolean newInformation,
			LocalDate followUpDate, Instant createdAt, Instant updatedAt, Subject subject, List<ReferralView> referrals,
			List<ParticipantView> participants, List<TaskView> tasks, List<StatusReportView> latestStatusReports,
			List<CaseStatus> allowedTransitions, List<EarlierCase> earlierCases, boolean mayManage,
			boolean mayReportStatus) {
	}

	/**
	 * @param cpr in full for the secretariat, masked for everyone else
	 */
	record Subject(String name, String address, String cpr) {
	}

	/**
	 * A referral as one caller may see it. Fields the caller may not see are left out of
	 * the JSON rather than sent empty.
	 *
	 * @param submittedBy the sending user: for the secretariat and the sender's own
	 * organisation
	 * @param concern the concern's text, or absent when {@code contentWithheld}:
	 * participants read only what the secretariat shared with them
	 * @param receiptNumber, state, feedback, feedbackAt: for the secretariat and the
	 * sender's own organisation
	 * @param submittedSubject the subject as the sender gave it, compared with the
	 * case's: the secretariat's only
	 * @param attachedToExistingCase whether the person already had this case when the
	 * referral arrived: the secretariat's only
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ReferralView(UUID referralId, String receiptNumber, Instant submittedAt, String organisation,
			String submittedBy, ConcernCategory category, LegalBasis legalBasis, String legalBasisProvision,
			boolean urgent, boolean sharedWithParticipants, String concern, boolean contentWithheld,
			ReferralState state, String feedback, Instant feedbackAt, SubmittedSubject submittedSubject,
			Boolean attachedToExistingCase) {
	}

	/**
	 * The subject as one referral's sender gave it. {@code differs} with a Danish
	 * {@code warning} when the name or address is not the case's: the CPR number may be
	 * mistyped, and a person should check before the concern is taken as being about this
	 * person.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SubmittedSubject(String name, String address, boolean nameDiffers, boolean addressDiffers, String warning) {
	}

	/**
	 * A disclosure of the case to an organisation. {@code usageRestriction} is what the
	 * receiving organisation must respect (retsplejeloven § 115, stk. 2).
	 */
	record ParticipantView(String organisation, LegalBasis legalBasis, String legalBasisProvision, String purpose,
			String usageRestriction, String disclosedBy, String disclosedByOrganisation, Instant startedAt,
			Instant endedAt, String endedBy, String endReason, boolean active) {

		/** Without the secretariat's staff: others learn that it was the unit. */
		ParticipantView withoutStaff() {
			return new ParticipantView(this.organisation, this.legalBasis, this.legalBasisProvision, this.purpose,
					this.usageRestriction, null, CaseAccess.SECRETARIAT_NAME, this.startedAt, this.endedAt, null,
					this.endReason, this.active);
		}

	}

	/**
	 * @param createdBy the secretariat's user: shown to the secretariat only
	 * @param mayUpdate whether the caller may report the task's state and outcome (its
	 * organisation's liaisons and caseworkers, and the secretariat)
	 */
	record TaskView(UUID taskId, String organisation, String description, LocalDate dueDate, TaskState state,
			String outcome, String createdBy, Instant createdAt, Instant updatedAt, long version, boolean mayUpdate) {

		TaskView withoutStaff() {
			return new TaskView(this.taskId, this.organisation, this.description, this.dueDate, this.state,
					this.outcome, null, this.createdAt, this.updatedAt, this.version, this.mayUpdate);
		}

		TaskView mayUpdate(boolean may) {
			return new TaskView(this.taskId, this.organisation, this.description, this.dueDate, this.state,
					this.outcome, this.createdBy, this.createdAt, this.updatedAt, this.version, may);
		}

	}

	/**
	 * @param reportedBy shown to the secretariat and the reporting organisation
	 */
	record StatusReportView(UUID reportId, String organisation, Involvement involvement, String text, String reportedBy,
			Instant reportedAt) {

		StatusReportView withReporter(String shown) {
			return new StatusReportView(this.reportId, this.organisation, this.involvement, this.text, shown,
					this.reportedAt);
		}

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
