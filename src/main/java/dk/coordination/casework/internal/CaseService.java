package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
import dk.coordination.casework.SubmittedReferral;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.casework.internal.CaseFilter.CaseSearch;
import dk.coordination.casework.internal.CaseViews.CasePage;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.personaldata.CprNumber;
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

	private static final Pattern CPR_SHAPE = Pattern.compile("\\d{6}-?\\d{4}");

	private final ConcernCaseRepository cases;

	private final ReferralRepository referrals;

	private final CaseQueries queries;

	private final CaseHistory history;

	private final CaseAccess access;

	private final CaseReads reads;

	private final CaseNumbers caseNumbers;

	private final CoordinationUnits units;

	private final CprProtector cprProtector;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final EntityManager entityManager;

	private final CaseReviewRepository reviews;

	private final CaseworkProperties properties;

	CaseService(ConcernCaseRepository cases, ReferralRepository referrals, CaseQueries queries, CaseHistory history,
			CaseAccess access, CaseReads reads, CaseNumbers caseNumbers, CoordinationUnits units,
			CprProtector cprProtector, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			EntityManager entityManager, CaseReviewRepository reviews, CaseworkProperties properties, Clock clock) {
		this.cases = cases;
		this.referrals = referrals;
		this.queries = queries;
		this.history = history;
		this.access = access;
		this.reads = reads;
		this.caseNumbers = caseNumbers;
		this.units = units;
		this.cprProtector = cprProtector;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.entityManager = entityManager;
		this.reviews = reviews;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Attaches the concern to the person's open case in the unit, or opens one. Two
	 * concerns about a new person arriving at once both try to open a case; the unique
	 * index on open cases lets one win, and the other is retried once, finding the case
	 * and attaching to it. Inside a caller's transaction (a request with an
	 * Idempotency-Key, whose answer is stored in the same transaction) there is no retry:
	 * the failed insert has spoilt that transaction. The unit's receipt counter, locked
	 * first, already makes intakes in a unit come one at a time, so the unique index is
	 * the last line, not the usual one.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
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
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				throw raceLost;
			}
			return this.transactions.execute((status) -> submitOnce(unit, referral, submitter));
		}
	}

	private IntakeResult submitOnce(UnitDetails unit, NewReferral content, CurrentUser submitter) {
		Instant now = this.clock.instant();
		String receipt = this.caseNumbers.nextReceipt(unit.code(), now);
		// by the hash under every configured key: during a key rotation the person's open
		// case may still carry an earlier key's hash, which the unique index cannot see
		// is the same person; drawing the receipt number above locks the unit's counter,
		// so intakes in a unit come one at a time and the later one finds the earlier's
		// case
		ConcernCase existing = this.cases.findOpenCaseForUpdate(unit.code(), this.cprProtector.hashes(content.cpr()))
			.orElse(null);
		if (existing != null) {
			existing.receivedNewInformation(now);
			Referral referral = Referral.submitted(existing, content, submitter, receipt, true, now);
			this.entityManager.persist(referral);
			this.cases.flush();
			this.events
				.publishEvent(new ReferralAttached(existing.getId(), unit.code(), referral.getId(), content.urgent()));
			return new IntakeResult(referral.getId(), receipt, now, unit.code(), existing.getId(), true);
		}
		ConcernCase opened = ConcernCase.open(unit.code(), this.caseNumbers.next(unit.code(), now),
				content.subjectName(), content.subjectAddress(), this.cprProtector.protect(content.cpr()), unit.model(),
				now);
		Referral referral = Referral.submitted(opened, content, submitter, receipt, false, now);
		// persisted explicitly: ids are assigned here, so a repository save would take
		// the new case for a detached one and merge it
		this.entityManager.persist(opened);
		// flushed through the repository so a lost race surfaces as
		// DataIntegrityViolationException
		this.cases.flush();
		this.events.publishEvent(new CaseOpened(opened.getId(), unit.code(), opened.getCaseNumber(), content.urgent()));
		return new IntakeResult(referral.getId(), receipt, now, unit.code(), opened.getId(), false);
	}

	@Override
	@Transactional
	public OwnReferrals ownReferrals(CurrentUser user, String cursor, int size, String purpose) {
		requireStaff(user);
		CaseCursor after = (cursor != null) ? CaseCursor.decode(cursor) : null;
		List<Referral> page = (after == null) ? this.referrals.findOwn(user.organisation(), Limit.of(size + 1))
				: this.referrals.findOwnAfter(user.organisation(), after.createdAt(), after.id(), Limit.of(size + 1));
		boolean more = page.size() > size;
		List<Referral> shown = more ? page.subList(0, size) : page;
		this.reads.ownReferrals(shown, purpose);
		Referral last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
		return new OwnReferrals(shown.stream().map(CaseService::asSubmitted).toList(),
				more ? new CaseCursor(last.getSubmittedAt(), last.getId()).encode() : null);
	}

	@Override
	@Transactional
	public SubmittedReferral ownReferral(UUID referralId, CurrentUser user, String purpose) {
		requireStaff(user);
		Referral referral = this.referrals.findOwn(referralId, user.organisation())
			.orElseThrow(() -> Problems.notFound("No referral " + referralId + " from your organisation."));
		this.reads.ownReferrals(List.of(referral), purpose);
		return asSubmitted(referral);
	}

	private static SubmittedReferral asSubmitted(Referral referral) {
		ConcernCase concernCase = referral.getConcernCase();
		return new SubmittedReferral(referral.getId(), referral.getReceiptNumber(), concernCase.getUnitCode(),
				referral.getSubmittedAt(), referral.getSubmittedByUser(), referral.getSubjectName(),
				referral.getSubjectAddress(), concernCase.getSubjectCprMasked(), referral.getConcern(),
				referral.getCategory(), referral.getLegalBasis(), referral.isUrgent(), referral.getState(),
				referral.getFeedback(), referral.getFeedbackAt());
	}

	private static void requireStaff(CurrentUser user) {
		if (!user.worksOnCases()) {
			throw CaseAccess.forbidden("Referrals are followed by the staff of the organisation that sent them.");
		}
	}

	@Transactional
	VersionedCase view(UUID caseId, CurrentUser user, String purpose) {
		return shown(this.access.requireVisible(caseId, user), purpose);
	}

	/**
	 * A page of the cases the caller may see, narrowed by the filter; the filter is part
	 * of the query, so the cursor continues the filtered list.
	 * @throws InvalidFieldException for an organisation that does not exist
	 */
	@Transactional
	CasePage list(CurrentUser user, CaseFilter filter, String cursor, int size, String purpose) {
		if (filter.organisation() != null && !this.units.organisationExists(filter.organisation())) {
			throw new InvalidFieldException("organisation", "no organisation with code " + filter.organisation());
		}
		CaseCursor after = (cursor != null) ? CaseCursor.decode(cursor) : null;
		Set<String> secretariatUnits = this.units.secretariatUnits(user);
		LocalDate today = LocalDate.now(this.clock.withZone(DanishTime.ZONE));
		List<CaseQueries.Listed> page = this.queries.visibleCases(secretariatUnits, user.organisation(), filter, today,
				after, size + 1);
		boolean more = page.size() > size;
		List<CaseQueries.Listed> listed = more ? page.subList(0, size) : page;
		List<ConcernCase> shown = listed.stream().map(CaseQueries.Listed::concern).toList();
		Set<UUID> urgent = listed.stream()
			.filter(CaseQueries.Listed::urgent)
			.map((one) -> one.concern().getId())
			.collect(Collectors.toSet());
		return new CasePage(this.reads.summaries(shown, urgent, purpose),
				more ? CaseCursor.after(shown.get(shown.size() - 1)).encode() : null);
	}

	/**
	 * What a search text means: a CPR number (ten digits, with or without the dash)
	 * becomes the keyed hashes a case may store (one per configured key), anything else a
	 * case number, matched exactly (case numbers are upper case, so typed lower case
	 * still matches).
	 * @return null for no search
	 * @throws InvalidFieldException named {@code field} for ten digits whose date part is
	 * not a date
	 */
	CaseSearch searchFor(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String stripped = text.strip();
		if (looksLikeCpr(stripped)) {
			CprNumber cpr;
			try {
				cpr = CprNumber.parse(stripped);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidFieldException(field, ex.getMessage());
			}
			return new CaseSearch(null, this.cprProtector.hashes(cpr), cpr.masked());
		}
		String caseNumber = stripped.toUpperCase(Locale.ROOT);
		return new CaseSearch(caseNumber, null, caseNumber);
	}

	/** Ten digits, the dash optional: what is searched as a CPR number. */
	static boolean looksLikeCpr(String text) {
		return text != null && CPR_SHAPE.matcher(text.strip()).matches();
	}

	@Transactional
	VersionedCase transition(UUID caseId, Transition transition, String ifMatch, CurrentUser user, String purpose) {
		Access access = requireManageable(caseId, user);
		ETags.requireMatch(ifMatch, access.concernCase().getVersion(), "the case");
		move(access, transition, user);
		return shown(access, purpose);
	}

	/**
	 * Moves a case the caller manages, without showing it: the case endpoints and a
	 * meeting's decision both come here.
	 */
	@Transactional
	void move(Access access, Transition transition, CurrentUser user) {
		ConcernCase concernCase = access.concernCase();
		CaseStatus from = concernCase.getStatus();
		if (concernCase.isAnonymised()) {
			throw Problems.of(HttpStatus.CONFLICT, "Case " + concernCase.getCaseNumber()
					+ " was anonymised when its retention period ended; it cannot be reopened or moved.");
		}
		if (!CaseWorkflow.allows(from, transition.to())) {
			throw Problems.of(HttpStatus.CONFLICT, "A case in " + from + " cannot move to " + transition.to() + ".",
					Map.of("currentStatus", from, "allowedTransitions", CaseWorkflow.next(from)));
		}
		if (CaseWorkflow.isReopening(from, transition.to())) {
			requireNoOtherOpenCase(concernCase);
		}
		UnitDetails unit = access.unit();
		Instant now = this.clock.instant();
		concernCase.moveTo(transition.to(), transition.closingReason(), transition.reason(), unit.model(), now);
		afterTransition(concernCase, from, unit, now);
		this.cases.flush();
		this.events.publishEvent(new CaseStatusChanged(concernCase.getId(), concernCase.getUnitCode(), from,
				transition.to(), concernCase.getClosingReason(), transition.reason(), user.username()));
	}

	@Transactional
	VersionedCase followUpOn(UUID caseId, LocalDate date, String ifMatch, CurrentUser user, String purpose) {
		Access access = requireManageable(caseId, user);
		ETags.requireMatch(ifMatch, access.concernCase().getVersion(), "the case");
		followUpOn(access, date);
		return shown(access, purpose);
	}

	/** Sets the next follow-up of a case the caller manages, without showing it. */
	@Transactional
	void followUpOn(Access access, LocalDate date) {
		ConcernCase concernCase = access.concernCase();
		if (concernCase.getStatus() == CaseStatus.CLOSED) {
			throw Problems.of(HttpStatus.CONFLICT, "A closed case is not followed up; reopen it first.");
		}
		concernCase.followUpOn(date, this.clock.instant());
		this.cases.flush();
	}

	@Transactional
	List<CaseHistory.Entry> history(UUID caseId, CurrentUser user, String purpose) {
		Access access = this.access.requireVisible(caseId, user);
		return this.reads.history(access, CaseHistory.shownTo(access, this.history.of(caseId)), purpose);
	}

	/**
	 * What the secretariat tells the organisation that sent a referral; the submitter
	 * reads it with its own referrals and learns nothing else about the case.
	 */
	@Transactional
	ReferralView giveFeedback(UUID caseId, UUID referralId, String feedback, CurrentUser user, String purpose) {
		Access access = requireManageable(caseId, user);
		Referral referral = referralOf(access, referralId);
		referral.giveFeedback(feedback, user.username(), this.clock.instant());
		this.cases.flush();
		return this.reads.referral(access, referral, purpose);
	}

	static Referral referralOf(Access access, UUID referralId) {
		return access.concernCase()
			.getReferrals()
			.stream()
			.filter((candidate) -> candidate.getId().equals(referralId))
			.findFirst()
			.orElseThrow(() -> Problems.notFound("No referral " + referralId + " on this case."));
	}

	private VersionedCase shown(Access access, String purpose) {
		return new VersionedCase(this.reads.caseView(access, purpose), access.concernCase().getVersion());
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

	private void requireNoOtherOpenCase(ConcernCase concernCase) {
		this.cases
			.findOtherCasesOfSubject(concernCase.getUnitCode(),
					this.cprProtector.hashes(this.cprProtector.reveal(concernCase.getSubjectCprEncrypted())),
					concernCase.getId())
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

	/** A transition as requested; validated by the controller. */
	record Transition(CaseStatus to, String reason, ClosingReason closingReason) {
	}

	record VersionedCase(CaseViews.CaseView view, long version) {
	}

}
