package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.TaskState;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.casework.internal.CaseViews.CaseSummary;
import dk.coordination.casework.internal.CaseViews.TaskView;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;

/**
 * What an organisation taking part in cases has to do: its open tasks and the cases it
 * should report on, all of them (the pages have no fuller list of this to link to). Only
 * cases the organisation takes part in now, each shown through {@link CaseAccess} and
 * {@link CaseReads}, so what is shown is what the case page would show and every case
 * shown is a logged read.
 */
@Service
@Transactional
class OrganisationWork {

	private final EntityManager entityManager;

	private final ConcernCaseRepository cases;

	private final CaseAccess access;

	private final CaseReads reads;

	private final CaseQueries queries;

	private final CoordinationUnits units;

	private final Clock clock;

	OrganisationWork(EntityManager entityManager, ConcernCaseRepository cases, CaseAccess access, CaseReads reads,
			CaseQueries queries, CoordinationUnits units, Clock clock) {
		this.entityManager = entityManager;
		this.cases = cases;
		this.access = access;
		this.reads = reads;
		this.queries = queries;
		this.units = units;
		this.clock = clock;
	}

	/**
	 * The unfinished tasks (planned, in progress) given to the caller's organisation on
	 * open cases it takes part in, soonest due first (those without a due date last).
	 */
	List<OpenTask> openTasks(CurrentUser user, String purpose) {
		if (!user.worksOnCases()) {
			return List.of();
		}
		List<CaseTask> tasks = this.entityManager.createQuery("""
				select t from CaseTask t
				where t.organisation = :org and t.state in :states
				  and exists (select 1 from CaseParticipant p
				              where p.caseId = t.caseId and p.organisation = :org and p.endedAt is null)
				  and exists (select 1 from ConcernCase c
				              where c.id = t.caseId and c.status <> dk.coordination.casework.CaseStatus.CLOSED)
				order by t.dueDate asc nulls last, t.createdAt asc
				""", CaseTask.class)
			.setParameter("org", user.organisation())
			.setParameter("states", List.of(TaskState.PLANNED, TaskState.IN_PROGRESS))
			.getResultList();
		Map<UUID, List<CaseTask>> byCase = new LinkedHashMap<>();
		tasks.forEach((task) -> byCase.computeIfAbsent(task.getCaseId(), (id) -> new ArrayList<>()).add(task));
		// the tasks' cases in one query, not one per case
		Map<UUID, ConcernCase> casesById = new HashMap<>();
		this.cases.findAllById(byCase.keySet()).forEach((found) -> casesById.put(found.getId(), found));
		List<OpenTask> open = new ArrayList<>();
		byCase.forEach((caseId, ofCase) -> {
			ConcernCase concernCase = casesById.get(caseId);
			Access access = this.access.of(user, concernCase);
			if (access.canSeeCooperation()) {
				this.reads.tasks(access, ofCase, purpose)
					.forEach((task) -> open.add(new OpenTask(caseId, concernCase.getCaseNumber(), task)));
			}
		});
		open.sort(Comparator.comparing((OpenTask task) -> task.task().dueDate(),
				Comparator.nullsLast(Comparator.naturalOrder())));
		return open;
	}

	/**
	 * The cases the caller's organisation should report on: it takes part in the case,
	 * the case is ACTIVE or MONITORING (work is running or being followed up), and the
	 * organisation has not written a status report within the unit's follow-up interval
	 * (the days the secretariat leaves between follow-ups), or never. The secretariat
	 * looks at the case again at that interval, so that is when it wants to know.
	 */
	List<ReportDue> reportsDue(CurrentUser user, String purpose) {
		if (!user.worksOnCases()) {
			return List.of();
		}
		List<ConcernCase> candidates = this.entityManager.createQuery("""
				select c from ConcernCase c
				where c.status in :statuses
				  and exists (select 1 from CaseParticipant p
				              where p.caseId = c.id and p.organisation = :org and p.endedAt is null)
				order by c.createdAt desc, c.id desc
				""", ConcernCase.class)
			.setParameter("org", user.organisation())
			.setParameter("statuses", List.of(CaseStatus.ACTIVE, CaseStatus.MONITORING))
			.getResultList();
		if (candidates.isEmpty()) {
			return List.of();
		}
		Map<UUID, Instant> lastReported = new HashMap<>();
		this.entityManager.createQuery("""
				select r.caseId, max(r.reportedAt) from StatusReport r
				where r.organisation = :org and r.caseId in :ids group by r.caseId
				""", Object[].class)
			.setParameter("org", user.organisation())
			.setParameter("ids", candidates.stream().map(ConcernCase::getId).toList())
			.getResultList()
			.forEach((row) -> lastReported.put((UUID) row[0], (Instant) row[1]));
		Instant now = this.clock.instant();
		Map<String, Integer> intervals = new HashMap<>();
		List<ConcernCase> due = candidates.stream().filter((candidate) -> {
			int days = intervals.computeIfAbsent(candidate.getUnitCode(),
					(code) -> this.units.find(code).map(UnitDetails::followUpDays).orElse(30));
			Instant last = lastReported.get(candidate.getId());
			return last == null || last.isBefore(now.minus(Duration.ofDays(days)));
		}).toList();
		List<CaseSummary> shown = this.reads.summaries(due,
				this.queries.urgentAmong(due.stream().map(ConcernCase::getId).toList()), purpose);
		return shown.stream().map((summary) -> new ReportDue(summary, lastReported.get(summary.caseId()))).toList();
	}

	record OpenTask(UUID caseId, String caseNumber, TaskView task) {
	}

	/**
	 * @param lastReported the organisation's latest status report on the case, or null
	 * for none
	 */
	record ReportDue(CaseSummary summary, Instant lastReported) {
	}

}
