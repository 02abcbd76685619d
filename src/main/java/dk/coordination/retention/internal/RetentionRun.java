package dk.coordination.retention.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.audit.AuditSeals;
import dk.coordination.casework.ClosingReason;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;
import dk.coordination.web.Problems;

/**
 * One retention run as of a day: finds the closed cases whose period has ended,
 * anonymises each (unless a legal hold stops it) through {@code anonymise_case}, takes
 * the keyed hash off reads of a person that were never tied to a case once the access
 * log's period has ended, seals the rewritten history in the audit chain, and records
 * what it did in {@code audit_retention_run}. The daily job and the administrator's
 * request share the ShedLock lock, so two runs never overlap, on one instance or several.
 */
@Service
class RetentionRun {

	static final String LOCK_NAME = "retention";

	private static final Logger log = LoggerFactory.getLogger(RetentionRun.class);

	// its closing (the first revision of its current closed spell) and its last review,
	// as Danish dates; a case with no history (imported) counts from its last change
	private static final String CANDIDATES = """
			select c.id, c.unit_code, c.case_number, c.closing_reason, (h.case_id is not null) as held,
			       coalesce(closing.closed_on, (c.updated_at at time zone 'Europe/Copenhagen')::date) as closed_on,
			       reviews.last_on
			from concern_case c
			left join legal_hold h on h.case_id = c.id
			left join lateral (
			    select (min(r.revision_time) at time zone 'Europe/Copenhagen')::date as closed_on
			    from concern_case_aud a join audit_revision r on r.id = a.rev
			    where a.id = c.id and a.status = 'CLOSED'
			      and a.rev > coalesce((select max(b.rev) from concern_case_aud b
			                            where b.id = c.id and b.status <> 'CLOSED'), 0)
			) closing on true
			left join lateral (
			    select max(coalesce((v.decided_at at time zone 'Europe/Copenhagen')::date, v.due_date)) as last_on
			    from case_review v where v.case_id = c.id and v.state <> 'CANCELLED'
			) reviews on true
			where c.status = 'CLOSED' and c.anonymised_at is null
			order by closed_on, c.case_number
			""";

	private final RetentionRules rules;

	private final JdbcClient jdbc;

	private final CprProtector cprProtector;

	private final AuditSeals seals;

	private final TransactionTemplate transactions;

	private final LockingTaskExecutor locks;

	private final Clock clock;

	private final int batchSize;

	RetentionRun(RetentionRules rules, RetentionProperties properties, JdbcClient jdbc, LockingTaskExecutor locks,
			CprProtector cprProtector, AuditSeals seals, PlatformTransactionManager transactionManager, Clock clock) {
		this.rules = rules;
		this.jdbc = jdbc;
		this.cprProtector = cprProtector;
		this.seals = seals;
		this.transactions = new TransactionTemplate(transactionManager);
		this.locks = locks;
		this.clock = clock;
		this.batchSize = properties.batchSize();
	}

	/**
	 * Runs retention as of {@code asOf} unless a run is already going on.
	 * @throws org.springframework.web.ErrorResponseException 409 when another run holds
	 * the lock
	 */
	Report run(LocalDate asOf, CurrentUser startedBy) {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME, Duration.ofHours(6),
				Duration.ZERO);
		TaskResult<Report> result;
		try {
			result = this.locks.executeWithLock(() -> anonymiseDue(asOf, startedBy), lock);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Retention run as of " + asOf + " failed", ex);
		}
		if (!result.wasExecuted()) {
			throw Problems.of(HttpStatus.CONFLICT,
					"A retention run is already in progress; start this one when it has finished");
		}
		return result.getResult();
	}

	private Report anonymiseDue(LocalDate asOf, CurrentUser startedBy) {
		Instant started = this.clock.instant();
		List<Candidate> due = new ArrayList<>();
		List<String> held = new ArrayList<>();
		for (Candidate candidate : candidates()) {
			if (candidate.dueOn().isAfter(asOf)) {
				continue;
			}
			if (candidate.held()) {
				held.add(candidate.caseNumber());
			}
			else {
				due.add(candidate);
			}
		}
		List<String> anonymised = new ArrayList<>();
		for (int from = 0; from < due.size(); from += this.batchSize) {
			List<Candidate> batch = due.subList(from, Math.min(due.size(), from + this.batchSize));
			anonymised.addAll(this.transactions.execute((status) -> anonymise(batch)));
		}
		Instant linkEnds = asOf.minus(this.rules.accessLogLink()).atStartOfDay(DanishTime.ZONE).toInstant();
		int unlinked = this.transactions.execute((status) -> unlinkAccessLog(linkEnds));
		Report report = new Report(asOf, started, this.clock.instant(), anonymised.size(), anonymised, held.size(),
				held, unlinked);
		this.transactions.executeWithoutResult((status) -> record(report, startedBy));
		log.info("Retention as of {}: {} cases anonymised, {} held back by a legal hold, {} reads unlinked", asOf,
				report.casesAnonymised(), report.casesHeld(), report.accessLogEntriesUnlinked());
		return report;
	}

	private List<Candidate> candidates() {
		return this.jdbc.sql(CANDIDATES).query((row, n) -> {
			String unit = row.getString("unit_code");
			String reason = row.getString("closing_reason");
			ClosingReason closingReason = (reason != null) ? ClosingReason.valueOf(reason) : ClosingReason.OTHER;
			return new Candidate(row.getObject("id", UUID.class), row.getString("case_number"), row.getBoolean("held"),
					this.rules.dueOn(unit, closingReason, row.getObject("closed_on", LocalDate.class),
							row.getObject("last_on", LocalDate.class)));
		}).list();
	}

	private List<String> anonymise(List<Candidate> batch) {
		List<String> done = new ArrayList<>();
		Set<Long> revisions = new LinkedHashSet<>();
		Set<Long> reads = new LinkedHashSet<>();
		for (Candidate candidate : batch) {
			// looked at again under the row lock: reopened, held or anonymised since the
			// candidates were read means it is not due any more
			Current current = this.jdbc
				.sql("select c.status, c.anonymised_at is not null as anonymised, c.subject_cpr_encrypted,"
						+ " exists (select 1 from legal_hold h where h.case_id = c.id) as held"
						+ " from concern_case c where c.id = :id for update")
				.param("id", candidate.id())
				.query((row, n) -> new Current(row.getString("status"), row.getBoolean("anonymised"),
						row.getBoolean("held"), row.getBytes("subject_cpr_encrypted")))
				.optional()
				.orElse(null);
			if (current == null || !"CLOSED".equals(current.status()) || current.anonymised() || current.held()) {
				continue;
			}
			this.jdbc.sql("select kind, id from anonymise_case(:id, string_to_array(:identifiers, E'\\n'))")
				.param("id", candidate.id())
				.param("identifiers", String.join("\n", identifiers(current.encryptedCpr())))
				.query((row, n) -> ("REVISION".equals(row.getString("kind")) ? revisions : reads)
					.add(row.getLong("id")))
				.list();
			done.add(candidate.caseNumber());
		}
		if (!revisions.isEmpty() || !reads.isEmpty()) {
			this.seals.resealed(revisions, reads, "Retention: case anonymised");
		}
		return done;
	}

	/** The CPR number as people write it, to be cut out of the texts that are kept. */
	private List<String> identifiers(byte[] encrypted) {
		if (encrypted == null || encrypted.length == 0) {
			return List.of();
		}
		CprNumber cpr = this.cprProtector.reveal(encrypted);
		String digits = cpr.digits();
		return List.of(cpr.formatted(), digits, digits.substring(0, 6) + " " + digits.substring(6));
	}

	private int unlinkAccessLog(Instant before) {
		List<Long> ids = this.jdbc.sql("select id from unlink_access_log(:before)")
			.param("before", java.sql.Timestamp.from(before))
			.query(Long.class)
			.list();
		if (!ids.isEmpty()) {
			this.seals.resealed(List.of(), ids, "Retention: reads unlinked from the person");
		}
		return ids.size();
	}

	private void record(Report report, CurrentUser startedBy) {
		this.jdbc.sql("""
				insert into audit_retention_run (as_of, started_at, finished_at, started_by, cases_anonymised,
				    cases_held, access_log_unlinked, case_numbers)
				values (:asOf, :started, :finished, :by, :anonymised, :held, :unlinked, :numbers)
				""")
			.param("asOf", report.asOf())
			.param("started", java.sql.Timestamp.from(report.startedAt()))
			.param("finished", java.sql.Timestamp.from(report.finishedAt()))
			.param("by", startedBy.username())
			.param("anonymised", report.casesAnonymised())
			.param("held", report.casesHeld())
			.param("unlinked", report.accessLogEntriesUnlinked())
			.param("numbers", String.join(",", report.anonymisedCases()))
			.update();
	}

	private record Candidate(UUID id, String caseNumber, boolean held, LocalDate dueOn) {
	}

	private record Current(String status, boolean anonymised, boolean held, byte[] encryptedCpr) {
	}

	/**
	 * What a run did.
	 *
	 * @param anonymisedCases the case numbers anonymised
	 * @param heldCases the case numbers that were due but have a legal hold
	 */
	record Report(LocalDate asOf, Instant startedAt, Instant finishedAt, int casesAnonymised,
			List<String> anonymisedCases, int casesHeld, List<String> heldCases, int accessLogEntriesUnlinked) {
	}

}
