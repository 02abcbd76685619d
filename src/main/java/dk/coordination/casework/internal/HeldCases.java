package dk.coordination.casework.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.query.AuditEntity;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AuditRevision;
import dk.coordination.casework.CaseInsight;
import dk.coordination.casework.HeldCase;
import dk.coordination.personaldata.CprProtector;

/**
 * Gathers a person's cases for a request for insight, straight from the repositories and
 * the case's Envers history: no {@link CaseAccess} (the data-protection function answers
 * for the whole service) and no access-log entry of its own (see {@link CaseInsight}). A
 * person has a handful of cases, so a few queries per case are fine.
 */
@Component
class HeldCases implements CaseInsight {

	private final ConcernCaseRepository cases;

	private final ParticipantRepository participants;

	private final TaskRepository tasks;

	private final StatusReportRepository reports;

	private final MunicipalNoteRepository notes;

	private final CaseReviewRepository reviews;

	private final EntityManager entityManager;

	private final CprProtector cprProtector;

	HeldCases(ConcernCaseRepository cases, ParticipantRepository participants, TaskRepository tasks,
			StatusReportRepository reports, MunicipalNoteRepository notes, CaseReviewRepository reviews,
			EntityManager entityManager, CprProtector cprProtector) {
		this.cases = cases;
		this.participants = participants;
		this.tasks = tasks;
		this.reports = reports;
		this.notes = notes;
		this.reviews = reviews;
		this.entityManager = entityManager;
		this.cprProtector = cprProtector;
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldCase> casesOf(Collection<String> cprHashes) {
		if (cprHashes.isEmpty()) {
			return List.of();
		}
		return this.cases.findBySubjectCprHashInOrderByCreatedAt(cprHashes).stream().map(this::held).toList();
	}

	private HeldCase held(ConcernCase concernCase) {
		Set<String> names = new LinkedHashSet<>();
		Set<String> addresses = new LinkedHashSet<>();
		names.add(concernCase.getSubjectName());
		addIfPresent(addresses, concernCase.getSubjectAddress());
		List<HeldCase.StatusEntry> statuses = statusHistory(concernCase, names, addresses);
		List<HeldCase.Concern> referrals = new ArrayList<>();
		for (Referral referral : concernCase.getReferrals()) {
			names.add(referral.getSubjectName());
			addIfPresent(addresses, referral.getSubjectAddress());
			referrals.add(new HeldCase.Concern(referral.getSubmittedAt(), referral.getSubmittedByOrganisation(),
					referral.getCategory(), referral.getConcern(), referral.getLegalBasis(), referral.isUrgent(),
					referral.getSubjectName(), referral.getSubjectAddress(), referral.getFeedback(),
					referral.getFeedbackAt()));
		}
		return new HeldCase(concernCase.getId(), concernCase.getCaseNumber(), concernCase.getUnitCode(),
				concernCase.getSubjectCprHash(),
				this.cprProtector.reveal(concernCase.getSubjectCprEncrypted()).formatted(),
				concernCase.getSubjectName(), concernCase.getSubjectAddress(), List.copyOf(names),
				List.copyOf(addresses), concernCase.getCreatedAt(), concernCase.getStatus(),
				concernCase.getClosingReason(), statuses, referrals, disclosures(concernCase), tasks(concernCase),
				reports(concernCase), notes(concernCase), reviews(concernCase));
	}

	/**
	 * Every status the case has had, from its revisions; the names and addresses of
	 * earlier revisions are collected on the way, since they were held too.
	 */
	private List<HeldCase.StatusEntry> statusHistory(ConcernCase concernCase, Set<String> names,
			Set<String> addresses) {
		@SuppressWarnings("unchecked")
		List<Object[]> revisions = AuditReaderFactory.get(this.entityManager)
			.createQuery()
			.forRevisionsOfEntity(ConcernCase.class, false, true)
			.add(AuditEntity.id().eq(concernCase.getId()))
			.addOrder(AuditEntity.revisionNumber().asc())
			.getResultList();
		List<HeldCase.StatusEntry> statuses = new ArrayList<>();
		ConcernCase previous = null;
		for (Object[] row : revisions) {
			ConcernCase snapshot = (ConcernCase) row[0];
			addIfPresent(names, snapshot.getSubjectName());
			addIfPresent(addresses, snapshot.getSubjectAddress());
			if (previous == null || snapshot.getStatus() != previous.getStatus()
					|| !Objects.equals(snapshot.getStatusReason(), previous.getStatusReason())) {
				statuses.add(new HeldCase.StatusEntry(((AuditRevision) row[1]).getRevisionTime(), snapshot.getStatus(),
						snapshot.getClosingReason(), snapshot.getStatusReason()));
			}
			previous = snapshot;
		}
		return statuses;
	}

	private List<HeldCase.Disclosure> disclosures(ConcernCase concernCase) {
		return this.participants.findByCaseIdOrderByStartedAt(concernCase.getId())
			.stream()
			.map((participant) -> new HeldCase.Disclosure(participant.getOrganisation(),
					participant.getDisclosedByOrganisation(), participant.getLegalBasis(), participant.getPurpose(),
					participant.getUsageRestriction(), participant.getStartedAt(), participant.getEndedAt(),
					participant.getEndReason()))
			.toList();
	}

	private List<HeldCase.Task> tasks(ConcernCase concernCase) {
		return this.tasks.findByCaseIdOrderByCreatedAt(concernCase.getId())
			.stream()
			.map((task) -> new HeldCase.Task(task.getOrganisation(), task.getDescription(), task.getDueDate(),
					task.getState(), task.getOutcome(), task.getCreatedAt(), task.getUpdatedAt()))
			.toList();
	}

	private List<HeldCase.Report> reports(ConcernCase concernCase) {
		return this.reports.findByCaseIdOrderByReportedAtDesc(concernCase.getId())
			.stream()
			.sorted(Comparator.comparing(StatusReport::getReportedAt))
			.map((report) -> new HeldCase.Report(report.getOrganisation(), report.getInvolvement(), report.getText(),
					report.getReportedAt()))
			.toList();
	}

	private List<HeldCase.Note> notes(ConcernCase concernCase) {
		return this.notes.findByCaseIdOrderByWrittenAt(concernCase.getId())
			.stream()
			.map((note) -> new HeldCase.Note(note.getAuthorOrganisation(), note.getText(), note.getWrittenAt()))
			.toList();
	}

	private List<HeldCase.Review> reviews(ConcernCase concernCase) {
		return this.reviews.findByCaseIdOrderByDueDate(concernCase.getId())
			.stream()
			.map((review) -> new HeldCase.Review(review.getDueDate(), review.getState().name(), review.getOutcome()))
			.toList();
	}

	private static void addIfPresent(Set<String> values, String value) {
		if (value != null && !value.isBlank()) {
			values.add(value);
		}
	}

}
