package dk.coordination.casework.internal;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.casework.internal.CaseViews.CaseSummary;
import dk.coordination.casework.internal.CaseViews.CaseView;
import dk.coordination.casework.internal.CaseViews.MunicipalNoteView;
import dk.coordination.casework.internal.CaseViews.ParticipantView;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.casework.internal.CaseViews.StatusReportView;
import dk.coordination.casework.internal.CaseViews.Subject;
import dk.coordination.casework.internal.CaseViews.SubmittedSubject;
import dk.coordination.casework.internal.CaseViews.TaskView;
import dk.coordination.personaldata.CprProtector;

/**
 * What a caller is shown of a case, and the log entry that showing it is. Every answer
 * that carries a case's data is assembled here, whether it answers a GET or a change (a
 * transition answers with the case, adding a task with the task), so one place decides
 * both what each relation may see and that the read is logged with its purpose. Use cases
 * that change a case and show nothing (a meeting's decision) do not come here and log
 * nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class CaseReads {

	static final String NAME_DIFFERS = "Navn afviger – kontrollér CPR-nummer";

	static final String ADDRESS_DIFFERS = "Adresse afviger – kontrollér CPR-nummer";

	private final ConcernCaseRepository cases;

	private final TaskRepository tasks;

	private final StatusReportRepository reports;

	private final CaseMapper mapper;

	private final CprProtector cprProtector;

	private final AccessLog accessLog;

	CaseReads(ConcernCaseRepository cases, TaskRepository tasks, StatusReportRepository reports, CaseMapper mapper,
			CprProtector cprProtector, AccessLog accessLog) {
		this.cases = cases;
		this.tasks = tasks;
		this.reports = reports;
		this.mapper = mapper;
		this.cprProtector = cprProtector;
		this.accessLog = accessLog;
	}

	/** The case with everything the caller may see of it. */
	CaseView caseView(Access access, String purpose) {
		log(access, "CASE", purpose);
		ConcernCase concernCase = access.concernCase();
		// an anonymised case has no CPR number left to reveal, only its masked mark
		String cpr = access.canSeeFullCpr() && !concernCase.isAnonymised()
				? this.cprProtector.reveal(concernCase.getSubjectCprEncrypted()).formatted()
				: concernCase.getSubjectCprMasked();
		List<ReferralView> referrals = concernCase.getReferrals()
			.stream()
			.filter(access::canSeeReferral)
			.map((referral) -> referral(access, referral))
			.toList();
		boolean cooperation = access.canSeeCooperation();
		// by the hashes under every key: during a rotation some may not be re-keyed yet
		// an anonymised case is no one's any more: it has no other cases
		List<ConcernCase> otherCases = access.canManage() && !concernCase.isAnonymised()
				? this.cases.findOtherCasesOfSubject(concernCase.getUnitCode(),
						this.cprProtector.hashes(this.cprProtector.reveal(concernCase.getSubjectCprEncrypted())),
						concernCase.getId())
				: List.of();
		return new CaseView(concernCase.getId(), concernCase.getCaseNumber(), concernCase.getUnitCode(),
				concernCase.getStatus(), concernCase.getClosingReason(), concernCase.getStatusReason(),
				concernCase.getStatusModel(), concernCase.isNewInformation(), concernCase.getFollowUpDate(),
				concernCase.getCreatedAt(), concernCase.getUpdatedAt(),
				new Subject(concernCase.getSubjectName(), concernCase.getSubjectAddress(), cpr), referrals,
				cooperation ? activeParticipants(access) : List.of(),
				cooperation ? this.tasks.findByCaseIdOrderByCreatedAt(concernCase.getId())
					.stream()
					.map((task) -> task(access, task))
					.toList() : List.of(),
				cooperation ? latestPerOrganisation(access,
						this.reports.findByCaseIdOrderByReportedAtDesc(concernCase.getId())) : List.of(),
				allowedTransitions(access, otherCases), otherCases.stream().map(this.mapper::toEarlierCase).toList(),
				access.canManage(), access.canReportStatus());
	}

	/**
	 * A page of the case list: each line shows a name, so each is a read.
	 * @param urgent the ids of the shown cases a submitter marked urgent
	 */
	List<CaseSummary> summaries(List<ConcernCase> shown, Set<UUID> urgent, String purpose) {
		this.accessLog.recordAll(shown.stream().map((shownCase) -> read(shownCase, "CASE_LIST", purpose)).toList());
		return shown.stream()
			.map((shownCase) -> new CaseSummary(shownCase.getId(), shownCase.getCaseNumber(), shownCase.getUnitCode(),
					shownCase.getStatus(), shownCase.getClosingReason(), shownCase.getSubjectName(),
					shownCase.getSubjectCprMasked(), shownCase.isNewInformation(), urgent.contains(shownCase.getId()),
					shownCase.getFollowUpDate(), shownCase.getCreatedAt(), shownCase.getUpdatedAt()))
			.toList();
	}

	/**
	 * A submitter's own referrals: they show the person's name as the submitter gave it,
	 * so each is a read of that person's data.
	 */
	void ownReferrals(List<Referral> shown, String purpose) {
		this.accessLog.recordAll(
				shown.stream().map((referral) -> read(referral.getConcernCase(), "OWN_REFERRAL", purpose)).toList());
	}

	/**
	 * The secretariat's follow-up list: task descriptions are about the person, so each
	 * case listed is a read.
	 * @param cases the cases listed, by id, with the keyed hash of their person's CPR
	 */
	void followUps(Map<UUID, String> cases, String purpose) {
		this.accessLog.recordAll(cases.entrySet()
			.stream()
			.map((shown) -> new PersonalDataRead(shown.getKey(), shown.getValue(), "FOLLOW_UPS", purpose))
			.toList());
	}

	List<ParticipantView> participants(Access access, List<CaseParticipant> shown, String purpose) {
		log(access, "CASE_PARTICIPANTS", purpose);
		return shown.stream().map((participant) -> participant(access, participant)).toList();
	}

	ParticipantView participant(Access access, CaseParticipant participant, String purpose) {
		return participants(access, List.of(participant), purpose).get(0);
	}

	List<TaskView> tasks(Access access, List<CaseTask> shown, String purpose) {
		log(access, "CASE_TASKS", purpose);
		return shown.stream().map((task) -> task(access, task)).toList();
	}

	TaskView task(Access access, CaseTask task, String purpose) {
		return tasks(access, List.of(task), purpose).get(0);
	}

	StatusReportView statusReport(Access access, StatusReport report, String purpose) {
		log(access, "CASE_STATUS_REPORTS", purpose);
		return report(access, report);
	}

	ReferralView referral(Access access, Referral referral, String purpose) {
		log(access, "CASE_REFERRAL", purpose);
		return referral(access, referral);
	}

	List<MunicipalNoteView> municipalNotes(Access access, List<MunicipalNote> shown, String purpose) {
		log(access, "MUNICIPAL_NOTES", purpose);
		return shown.stream().map(this.mapper::toView).toList();
	}

	List<CaseHistory.Entry> history(Access access, List<CaseHistory.Entry> shown, String purpose) {
		log(access, "CASE_HISTORY", purpose);
		return shown;
	}

	private void log(Access access, String what, String purpose) {
		this.accessLog.record(read(access.concernCase(), what, purpose));
	}

	static PersonalDataRead read(ConcernCase concernCase, String what, String purpose) {
		return new PersonalDataRead(concernCase.getId(), concernCase.getSubjectCprHash(), what, purpose);
	}

	private ReferralView referral(Access access, Referral referral) {
		boolean content = access.canReadReferralContent(referral);
		boolean sendersOwn = access.canManage() || access.user().belongsTo(referral.getSubmittedByOrganisation());
		return new ReferralView(referral.getId(), sendersOwn ? referral.getReceiptNumber() : null,
				referral.getSubmittedAt(), referral.getSubmittedByOrganisation(),
				access.userShown(referral.getSubmittedByOrganisation(), referral.getSubmittedByUser()),
				referral.getCategory(), referral.getLegalBasis(), referral.getLegalBasis().provision(),
				referral.isUrgent(), referral.isSharedWithParticipants(), content ? referral.getConcern() : null,
				!content, sendersOwn ? referral.getState() : null, sendersOwn ? referral.getFeedback() : null,
				sendersOwn ? referral.getFeedbackAt() : null,
				access.canCompareSubjects() ? submittedSubject(access.concernCase(), referral) : null,
				access.canCompareSubjects() ? referral.isAttachedToExistingCase() : null);
	}

	/**
	 * The sender's subject against the case's. Case, accents written apart and runs of
	 * spaces do not count as a difference; anything else does, and a person decides.
	 */
	static SubmittedSubject submittedSubject(ConcernCase concernCase, Referral referral) {
		boolean nameDiffers = !comparable(referral.getSubjectName()).equals(comparable(concernCase.getSubjectName()));
		boolean addressDiffers = !comparable(referral.getSubjectAddress())
			.equals(comparable(concernCase.getSubjectAddress()));
		String warning = nameDiffers ? NAME_DIFFERS : (addressDiffers ? ADDRESS_DIFFERS : null);
		return new SubmittedSubject(referral.getSubjectName(), referral.getSubjectAddress(), nameDiffers,
				addressDiffers, warning);
	}

	private static String comparable(String text) {
		if (text == null) {
			return "";
		}
		return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	private List<ParticipantView> activeParticipants(Access access) {
		return access.participants()
			.stream()
			.filter(CaseParticipant::isActive)
			.map((participant) -> participant(access, participant))
			.toList();
	}

	private ParticipantView participant(Access access, CaseParticipant participant) {
		ParticipantView view = this.mapper.toView(participant);
		return access.canManage() ? view : view.withoutStaff();
	}

	private TaskView task(Access access, CaseTask task) {
		TaskView view = this.mapper.toView(task).mayUpdate(access.canUpdateTask(task));
		return access.canManage() ? view : view.withoutStaff();
	}

	private StatusReportView report(Access access, StatusReport report) {
		return this.mapper.toView(report)
			.withReporter(access.userShown(report.getOrganisation(), report.getReportedByUser()));
	}

	private List<StatusReportView> latestPerOrganisation(Access access, List<StatusReport> newestFirst) {
		Map<String, StatusReport> latest = new LinkedHashMap<>();
		newestFirst.forEach((report) -> latest.putIfAbsent(report.getOrganisation(), report));
		return latest.values().stream().map((report) -> report(access, report)).toList();
	}

	/**
	 * What the secretariat may do next; reopening is left out while the person has
	 * another open case, since it would be refused.
	 */
	private static List<CaseStatus> allowedTransitions(Access access, List<ConcernCase> otherCases) {
		if (!access.canManage() || access.concernCase().isAnonymised()) {
			return List.of();
		}
		CaseStatus status = access.concernCase().getStatus();
		boolean anotherOpen = otherCases.stream().anyMatch((other) -> other.getStatus() != CaseStatus.CLOSED);
		return CaseWorkflow.next(status)
			.stream()
			.filter((to) -> !(anotherOpen && CaseWorkflow.isReopening(status, to)))
			.toList();
	}

}
