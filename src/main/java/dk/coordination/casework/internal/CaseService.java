package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.CaseOpened;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseStatusChanged;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.IntakeResult;
import dk.coordination.casework.NewReferral;
import dk.coordination.casework.ReferralAttached;
import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.casework.internal.CaseViews.CasePage;
import dk.coordination.casework.internal.CaseViews.CaseSummary;
import dk.coordination.casework.internal.CaseViews.CaseView;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.casework.internal.CaseViews.StatusReportView;
import dk.coordination.casework.internal.CaseViews.Subject;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;
import dk.coordination.web.DanishTime;

/**
 * The use cases of a case: intake, view, list, transition, history. Every one of them
 * asks {@link CaseAccess} first; a case the caller may not see is answered exactly like
 * one that does not exist.
 */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(CaseworkProperties.class)
class CaseService implements CaseIntake {

	private final ConcernCaseRepository cases;

	private final CaseQueries queries;

	private final CaseHistory history;

	private final CaseAccess access;

	private final CaseNumbers caseNumbers;

	private final CaseMapper mapper;

	private final CoordinationUnits units;

	private final CprProtector cprProtector;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final EntityManager entityManager;

	private final ParticipantRepository participants;

	private final TaskRepository tasks;

	private final StatusReportRepository reports;

	private final AccessLog accessLog;

	private final CaseReviewRepository reviews;

	private final CaseworkProperties properties;

	CaseService(ConcernCaseRepository cases, CaseQueries queries, CaseHistory history, CaseAccess access,
			CaseNumbers caseNumbers, CaseMapper mapper, CoordinationUnits units, CprProtector cprProtector,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			EntityManager entityManager, ParticipantRepository participants, TaskRepository tasks,
			StatusReportRepository reports, AccessLog accessLog, CaseReviewRepository reviews,
			CaseworkProperties properties, Clock clock) {
		this.reviews = reviews;
		this.properties = properties;
		this.entityManager = entityManager;
		this.participants = participants;
		this.tasks = tasks;
		this.reports = reports;
		this.accessLog = accessLog;
		this.cases = cases;
		this.queries = queries;
		this.history = history;
		this.access = access;
		this.caseNumbers = caseNumbers;
		this.mapper = mapper;
		this.units = units;
		this.cprProtector = cprProtector;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Attaches the concern to the person's open case in the unit, or opens one. Two
	 * concerns about a new person arriving at once both try to open a case; the unique
	 * index on open cases lets one win, and the other is retried once, finding the case
	 * and attaching to it.
	 */
	@Override
	@Transactional(propagation = Propagation.NEVER)
	public IntakeResult submit(NewReferral referral, CurrentUser submitter) {
		UnitDetails unit = this.units.find(referral.unitCode())
			.orElseThrow(
					() -> new InvalidFieldException("unit", "no coordination unit with code " + referral.unitCode()));
		if (!this.units.organisationExists(submitter.organisation())) {
			throw Problems.of(HttpStatus.FORBIDDEN,
					(submitter.organisation() == null)
							? "Your account has no organisation; ask an administrator to set it in Keycloak."
							: "Your organisation (" + submitter.organisation()
									+ ") is not registered with the service; ask an administrator.");
		}
		try {
			return this.transactions.execute((status) -> submitOnce(unit, referral, submitter));
		}
		catch (DataIntegrityViolationException raceLost) {
			return this.transactions.execute((status) -> submitOnce(unit, referral, submitter));
		}
	}

	private IntakeResult submitOnce(UnitDetails unit, NewReferral content, CurrentUser submitter) {
		Instant now = this.clock.instant();
		String hash = this.cprProtector.hash(content.cpr());
		ConcernCase existing = this.cases.findOpenCaseForUpdate(unit.code(), hash).orElse(null);
		if (existing != null) {
			existing.receivedNewInformation(now);
			Referral referral = Referral.submitted(existing, content, submitter, now);
			this.entityManager.persist(referral);
			this.cases.flush();
			this.events
				.publishEvent(new ReferralAttached(existing.getId(), unit.code(), referral.getId(), content.urgent()));
			return new IntakeResult(existing.getId(), existing.getCaseNumber(), existing.getStatus(), true);
		}
		ConcernCase opened = ConcernCase.open(unit.code(), this.caseNumbers.next(unit.code(), now),
				content.subjectName(), content.subjectAddress(), this.cprProtector.protect(content.cpr()), unit.model(),
				now);
		Referral.submitted(opened, content, submitter, now);
		// persisted explicitly: ids are assigned here, so a repository save would take
		// the new case
		// for a detached one and merge it
		this.entityManager.persist(opened);
		// flushed through the repository so a lost race surfaces as
		// DataIntegrityViolationException
		this.cases.flush();
		this.events.publishEvent(new CaseOpened(opened.getId(), unit.code(), opened.getCaseNumber(), content.urgent()));
		return new IntakeResult(opened.getId(), opened.getCaseNumber(), opened.getStatus(), false);
	}

	@Transactional
	VersionedCase view(UUID caseId, CurrentUser user, String purpose) {
		Access access = this.access.requireVisible(caseId, user);
		ConcernCase concernCase = access.concernCase();
		this.accessLog.record(read(concernCase, "CASE", purpose));
		return new VersionedCase(toView(access), concernCase.getVersion());
	}

	@Transactional
	CasePage list(CurrentUser user, CaseStatus status, String cursor, int size, String purpose) {
		CaseCursor after = (cursor != null) ? CaseCursor.decode(cursor) : null;
		Set<String> secretariatUnits = this.units.secretariatUnits(user);
		List<ConcernCase> page = this.queries.visibleCases(secretariatUnits, user.organisation(), status, after,
				size + 1);
		boolean more = page.size() > size;
		List<ConcernCase> shown = more ? page.subList(0, size) : page;
		// the list shows names, so each line is a read of that person's data
		this.accessLog.recordAll(shown.stream().map((shownCase) -> read(shownCase, "CASE_LIST", purpose)).toList());
		List<CaseSummary> items = shown.stream().map(this.mapper::toSummary).toList();
		return new CasePage(items, more ? CaseCursor.after(shown.get(shown.size() - 1)).encode() : null);
	}

	@Transactional
	VersionedCase transition(UUID caseId, Transition transition, String ifMatch, CurrentUser user) {
		Access access = requireManageable(caseId, user);
		ConcernCase concernCase = access.concernCase();
		ETags.requireMatch(ifMatch, concernCase.getVersion(), "the case");
		CaseStatus from = concernCase.getStatus();
		if (!CaseWorkflow.allows(from, transition.to())) {
			throw Problems.of(HttpStatus.CONFLICT, "A case in " + from + " cannot move to " + transition.to() + ".",
					Map.of("currentStatus", from, "allowedTransitions", CaseWorkflow.next(from)));
		}
		if (CaseWorkflow.isReopening(from, transition.to())) {
			requireNoOtherOpenCase(concernCase);
		}
		UnitDetails unit = this.units.find(concernCase.getUnitCode()).orElseThrow();
		Instant now = this.clock.instant();
		concernCase.moveTo(transition.to(), transition.closingReason(), transition.reason(), unit.model(), now);
		afterTransition(concernCase, from, unit, now);
		this.cases.flush();
		this.events.publishEvent(new CaseStatusChanged(caseId, concernCase.getUnitCode(), from, transition.to(),
				concernCase.getClosingReason(), transition.reason(), user.username()));
		return new VersionedCase(toView(access), concernCase.getVersion());
	}

	@Transactional
	VersionedCase followUpOn(UUID caseId, LocalDate date, String ifMatch, CurrentUser user) {
		Access access = requireManageable(caseId, user);
		ConcernCase concernCase = access.concernCase();
		ETags.requireMatch(ifMatch, concernCase.getVersion(), "the case");
		if (concernCase.getStatus() == CaseStatus.CLOSED) {
			throw Problems.of(HttpStatus.CONFLICT, "A closed case is not followed up; reopen it first.");
		}
		concernCase.followUpOn(date, this.clock.instant());
		this.cases.flush();
		return new VersionedCase(toView(access), concernCase.getVersion());
	}

	@Transactional
	List<CaseHistory.Entry> history(UUID caseId, CurrentUser user, String purpose) {
		Access access = this.access.requireVisible(caseId, user);
		this.accessLog.record(read(access.concernCase(), "CASE_HISTORY", purpose));
		return this.history.of(caseId, access::canSeeHistoryChange);
	}

	/**
	 * What a status change brings with it: a closed case gets its reviews, a reopened one
	 * loses those still pending, and an active or monitored case always has a follow-up
	 * date (the unit's default after today when none lies ahead).
	 */
	private void afterTransition(ConcernCase concernCase, CaseStatus from, UnitDetails unit, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, DanishTime.ZONE);
		CaseStatus to = concernCase.getStatus();
		if (to == CaseStatus.CLOSED) {
			this.properties.reviewAfterMonths()
				.forEach((months) -> this.reviews.save(CaseReview.due(concernCase.getId(), today.plusMonths(months))));
		}
		if (CaseWorkflow.isReopening(from, to)) {
			this.reviews.findByCaseIdAndStateOrderByDueDate(concernCase.getId(), CaseReview.State.PENDING)
				.forEach((review) -> review.decide(CaseReview.State.CANCELLED, "Sagen er genåbnet", now));
		}
		if ((to == CaseStatus.ACTIVE || to == CaseStatus.MONITORING)
				&& (concernCase.getFollowUpDate() == null || concernCase.getFollowUpDate().isBefore(today))) {
			concernCase.followUpOn(today.plusDays(unit.followUpDays()), now);
		}
	}

	/**
	 * The case for someone who must be its unit's secretariat: 404 if unseen, 403 if only
	 * seen.
	 */
	Access requireManageable(UUID caseId, CurrentUser user) {
		Access access = this.access.requireVisible(caseId, user);
		if (!access.canManage()) {
			throw CaseAccess.forbidden(
					"Only the secretariat of unit " + access.concernCase().getUnitCode() + " can change this case.");
		}
		return access;
	}

	private static PersonalDataRead read(ConcernCase concernCase, String what, String purpose) {
		return new PersonalDataRead(concernCase.getId(), concernCase.getSubjectCprHash(), what, purpose);
	}

	private void requireNoOtherOpenCase(ConcernCase concernCase) {
		this.cases
			.findOtherCasesOfSubject(concernCase.getUnitCode(), concernCase.getSubjectCprHash(), concernCase.getId())
			.stream()
			.filter((other) -> other.getStatus() != CaseStatus.CLOSED)
			.findFirst()
			.ifPresent((open) -> {
				throw Problems.of(HttpStatus.CONFLICT,
						"The person already has an open case, " + open.getCaseNumber()
								+ "; add new information there instead of reopening this one.",
						Map.of("openCaseId", open.getId()));
			});
	}

	private CaseView toView(Access access) {
		ConcernCase concernCase = access.concernCase();
		UUID caseId = concernCase.getId();
		String cpr = access.canSeeFullCpr() ? this.cprProtector.reveal(concernCase.getSubjectCprEncrypted()).formatted()
				: concernCase.getSubjectCprMasked();
		List<ReferralView> referrals = concernCase.getReferrals()
			.stream()
			.filter(access::canSeeReferral)
			.map((referral) -> access.canReadReferralContent(referral) ? this.mapper.toView(referral)
					: this.mapper.toView(referral).withoutContent())
			.toList();
		boolean cooperation = access.canSeeCooperation();
		List<ConcernCase> otherCases = access.canManage()
				? this.cases.findOtherCasesOfSubject(concernCase.getUnitCode(), concernCase.getSubjectCprHash(), caseId)
				: List.of();
		return new CaseView(caseId, concernCase.getCaseNumber(), concernCase.getUnitCode(), concernCase.getStatus(),
				concernCase.getClosingReason(), concernCase.getStatusReason(), concernCase.getStatusModel(),
				concernCase.isNewInformation(), concernCase.getFollowUpDate(), concernCase.getCreatedAt(),
				concernCase.getUpdatedAt(),
				new Subject(concernCase.getSubjectName(), concernCase.getSubjectAddress(), cpr), referrals,
				cooperation ? this.participants.findByCaseIdOrderByStartedAt(caseId)
					.stream()
					.filter(CaseParticipant::isActive)
					.map(this.mapper::toView)
					.toList() : List.of(),
				cooperation ? this.tasks.findByCaseIdOrderByCreatedAt(caseId).stream().map(this.mapper::toView).toList()
						: List.of(),
				cooperation ? latestPerOrganisation(this.reports.findByCaseIdOrderByReportedAtDesc(caseId)) : List.of(),
				allowedTransitions(access, otherCases), otherCases.stream().map(this.mapper::toEarlierCase).toList());
	}

	/**
	 * What the secretariat may do next; reopening is left out while the person has
	 * another open case, since it would be refused.
	 */
	private static List<CaseStatus> allowedTransitions(Access access, List<ConcernCase> otherCases) {
		if (!access.canManage()) {
			return List.of();
		}
		CaseStatus status = access.concernCase().getStatus();
		boolean anotherOpen = otherCases.stream().anyMatch((other) -> other.getStatus() != CaseStatus.CLOSED);
		return CaseWorkflow.next(status)
			.stream()
			.filter((to) -> !(anotherOpen && CaseWorkflow.isReopening(status, to)))
			.toList();
	}

	private List<StatusReportView> latestPerOrganisation(List<StatusReport> newestFirst) {
		Map<String, StatusReport> latest = new LinkedHashMap<>();
		newestFirst.forEach((report) -> latest.putIfAbsent(report.getOrganisation(), report));
		return latest.values().stream().map(this.mapper::toView).toList();
	}

	/** A transition as requested; validated by the controller. */
	record Transition(CaseStatus to, String reason, ClosingReason closingReason) {
	}

	record VersionedCase(CaseView view, long version) {
	}

}
