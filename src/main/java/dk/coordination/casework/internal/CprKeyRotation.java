package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.audit.AuditSeals;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.personaldata.ProtectedCpr;

/**
 * Moves the stored CPR numbers from the earlier configured keys to the current one while
 * the service runs: re-encrypts and re-hashes {@code concern_case}, its revisions in
 * {@code concern_case_aud} and re-hashes the {@code access_log}, a batch of persons per
 * transaction. Until it is done, look-ups use the hash under every configured key
 * ({@link CprProtector#hashes}), so nothing is missed meanwhile.
 * <p>
 * A batch takes the hashes under an earlier key (one per person), decrypts the number
 * from a row that carries it and checks that it hashes to that value, then sets every row
 * with that hash to the number's ciphertext and hash under the current key. The case rows
 * are updated directly, without touching {@code version} (a re-key is no change of the
 * case, so an edit a user has open does not become stale) and without a revision; the
 * audit tables, which the service may only append to, through the narrow
 * {@code rekey_cpr_audit_rows} function (V16), after which the changed revisions and log
 * entries are sealed again. Log entries written with an earlier key's hash after their
 * case was re-keyed (a read that loaded the case just before) are found by their case.
 * <p>
 * Runs under a ShedLock lock, by a schedule and when an administrator asks; a run ends
 * after a time budget, the next one continues. Two runs at once would be harmless (each
 * update finds only rows still under the earlier key), the lock only saves the work.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(CprKeyRotation.Settings.class)
class CprKeyRotation {

	static final String LOCK_NAME = "cpr-key-rotation";

	static final String REASON = "CPR key rotation";

	private static final Logger log = LoggerFactory.getLogger(CprKeyRotation.class);

	private final JdbcClient jdbc;

	private final CprProtector protector;

	private final AuditSeals seals;

	private final TransactionTemplate transactions;

	private final LockingTaskExecutor locks;

	private final Settings settings;

	private final Clock clock;

	CprKeyRotation(JdbcClient jdbc, LockingTaskExecutor locks, CprProtector protector, AuditSeals seals,
			PlatformTransactionManager transactionManager, Settings settings, Clock clock) {
		this.jdbc = jdbc;
		this.protector = protector;
		this.seals = seals;
		this.transactions = new TransactionTemplate(transactionManager);
		this.locks = locks;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param batchSize persons (distinct hashes) re-keyed per transaction
	 * @param maxDuration how long one run goes on before it leaves the rest to the next;
	 * when the scheduled run starts is {@code coordination.cpr.rotation.cron}
	 */
	@ConfigurationProperties("coordination.cpr.rotation")
	record Settings(@DefaultValue("500") int batchSize, @DefaultValue("30m") Duration maxDuration) {

		Settings {
			if (batchSize < 1) {
				throw new IllegalStateException("coordination.cpr.rotation.batch-size must be at least 1");
			}
		}

	}

	@Scheduled(cron = "${coordination.cpr.rotation.cron:0 20 * * * *}", zone = "Europe/Copenhagen")
	void scheduled() {
		if (this.protector.previousKeyIds().isEmpty()) {
			return;
		}
		try {
			run(Integer.MAX_VALUE).ifPresent((run) -> log.info("CPR key rotation: {}", run));
		}
		catch (RuntimeException ex) {
			log.error("The CPR key rotation failed; the next run continues", ex);
		}
	}

	/**
	 * One run, unless another (on this or another instance) holds the lock.
	 * @param maxBatches at most this many transactions
	 * @return what it did, empty when the lock was held
	 */
	Optional<Run> run(int maxBatches) {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME,
				this.settings.maxDuration().plusMinutes(5), Duration.ZERO);
		try {
			LockingTaskExecutor.TaskResult<Run> result = this.locks.executeWithLock(() -> runLocked(maxBatches), lock);
			return result.wasExecuted() ? Optional.of(result.getResult()) : Optional.empty();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Run runLocked(int maxBatches) {
		Instant deadline = this.clock.instant().plus(this.settings.maxDuration());
		Tally tally = new Tally();
		boolean complete = true;
		for (String keyId : this.protector.previousKeyIds()) {
			for (Source source : Source.values()) {
				Object after = source.start();
				while (true) {
					if (tally.batches >= maxBatches || !this.clock.instant().isBefore(deadline)) {
						complete = false;
						break;
					}
					List<Candidate> found = candidates(source, keyId, after);
					if (found.isEmpty()) {
						break;
					}
					tally.batches++;
					rekeyInOneTransaction(found, tally);
					after = found.get(found.size() - 1).position();
				}
			}
		}
		return new Run(tally.batches, tally.cases, tally.revisions, tally.entries, tally.skipped, complete,
				remaining());
	}

	/** The next persons under {@code keyId} in {@code source} after {@code after}. */
	private List<Candidate> candidates(Source source, String keyId, Object after) {
		return this.jdbc.sql(source.candidates)
			.param("key", keyId)
			.param("after", after)
			.param("limit", this.settings.batchSize())
			.query((rs, row) -> new Candidate(rs.getString("hash"), rs.getBytes("encrypted"), rs.getObject("position")))
			.list();
	}

	/**
	 * Re-keys a batch in one transaction. Should a person have two open cases in a unit,
	 * one under each key (which intake prevents, but a database restored from elsewhere
	 * might hold), the unique index refuses the batch; then its persons go one by one, so
	 * only that person stays under the earlier key (logged, and counted as skipped) until
	 * someone closes one of the cases.
	 */
	private void rekeyInOneTransaction(List<Candidate> batch, Tally tally) {
		try {
			tally.add(this.transactions.execute((status) -> rekey(batch)));
		}
		catch (DataIntegrityViolationException conflict) {
			for (Candidate one : batch) {
				try {
					tally.add(this.transactions.execute((status) -> rekey(List.of(one))));
				}
				catch (DataIntegrityViolationException again) {
					log.warn("CPR key rotation: a person has two open cases in a unit, one under each key; "
							+ "left under the earlier key until one of them is closed");
					tally.skipped++;
				}
			}
		}
	}

	/** Every row of the persons in {@code batch} under the current key. */
	private Tally rekey(List<Candidate> batch) {
		Tally done = new Tally();
		Map<String, ProtectedCpr> rekeyed = new LinkedHashMap<>();
		for (Candidate candidate : batch) {
			if (rekeyed.containsKey(candidate.hash())) {
				continue;
			}
			Optional<CprNumber> cpr = numberBehind(candidate);
			if (cpr.isEmpty()) {
				done.skipped++;
				continue;
			}
			rekeyed.put(candidate.hash(), this.protector.protect(cpr.get()));
		}
		if (!rekeyed.isEmpty()) {
			apply(rekeyed, done);
		}
		return done;
	}

	/**
	 * The number a candidate's ciphertext holds, if it is the one its hash was made from
	 * (a row whose ciphertext and hash disagree is left alone rather than given another
	 * person's hash).
	 */
	private Optional<CprNumber> numberBehind(Candidate candidate) {
		if (candidate.encrypted() == null) {
			return Optional.empty();
		}
		try {
			CprNumber cpr = this.protector.reveal(candidate.encrypted());
			if (this.protector.hashes(cpr).contains(candidate.hash())) {
				return Optional.of(cpr);
			}
			log.warn("CPR key rotation: a stored hash does not match its number; left as it is");
		}
		catch (IllegalStateException ex) {
			log.warn("CPR key rotation: a stored number cannot be decrypted ({}); left as it is", ex.getMessage());
		}
		return Optional.empty();
	}

	private void apply(Map<String, ProtectedCpr> rekeyed, Tally tally) {
		String[] oldHashes = rekeyed.keySet().toArray(String[]::new);
		String[] newHashes = rekeyed.values().stream().map(ProtectedCpr::hash).toArray(String[]::new);
		byte[][] newEncrypted = rekeyed.values().stream().map(ProtectedCpr::encrypted).toArray(byte[][]::new);
		tally.cases += this.jdbc.sql("""
				update concern_case c set subject_cpr_hash = m.new_hash, subject_cpr_encrypted = m.new_encrypted
				from unnest(cast(:old as varchar[]), cast(:new as varchar[]), cast(:encrypted as bytea[]))
				     as m (old_hash, new_hash, new_encrypted)
				where c.subject_cpr_hash = m.old_hash
				""").param("old", oldHashes).param("new", newHashes).param("encrypted", newEncrypted).update();
		Set<Long> revisions = new LinkedHashSet<>();
		List<Long> entries = new ArrayList<>();
		this.jdbc.sql("""
				select revision, access_log_entry
				from rekey_cpr_audit_rows(cast(:old as varchar[]), cast(:new as varchar[]), cast(:encrypted as bytea[]))
				""").param("old", oldHashes).param("new", newHashes).param("encrypted", newEncrypted).query((rs) -> {
			long revision = rs.getLong("revision");
			if (!rs.wasNull()) {
				revisions.add(revision);
			}
			long entry = rs.getLong("access_log_entry");
			if (!rs.wasNull()) {
				entries.add(entry);
			}
		});
		tally.revisions += revisions.size();
		tally.entries += entries.size();
		if (!revisions.isEmpty() || !entries.isEmpty()) {
			this.seals.resealed(revisions, entries, REASON);
		}
	}

	/** What is stored under which key; everything not under the current key is left. */
	Remaining remaining() {
		String current = this.protector.currentKeyId();
		Map<String, long[]> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("""
					select 'case' as what, split_part(subject_cpr_hash, ':', 1) as key_id, count(*) as rows, 0 as without_case
					from concern_case where position(':' in subject_cpr_hash) > 0 group by 2
					union all
					select 'revision', split_part(subject_cpr_hash, ':', 1), count(*), 0
					from concern_case_aud where position(':' in subject_cpr_hash) > 0 group by 2
					union all
					select 'entry', split_part(l.subject_cpr_hash, ':', 1), count(*),
					       count(*) filter (where case when split_part(l.subject_cpr_hash, ':', 1) = :current then false
					           else not exists (select 1 from concern_case c
					                            where c.subject_cpr_hash = l.subject_cpr_hash or c.id = l.case_id)
					            and not exists (select 1 from concern_case_aud a
					                            where a.subject_cpr_hash = l.subject_cpr_hash) end)
					from access_log l where position(':' in l.subject_cpr_hash) > 0 group by 2
					""")
			.param("current", current)
			.query((rs) -> {
				long[] row = counts.computeIfAbsent(rs.getString("key_id"), (id) -> new long[4]);
				switch (rs.getString("what")) {
					case "case" -> row[0] = rs.getLong("rows");
					case "revision" -> row[1] = rs.getLong("rows");
					default -> {
						row[2] = rs.getLong("rows");
						row[3] = rs.getLong("without_case");
					}
				}
			});
		Set<String> configured = new LinkedHashSet<>();
		configured.add(current);
		configured.addAll(this.protector.previousKeyIds());
		configured.forEach((id) -> counts.putIfAbsent(id, new long[4]));
		List<KeyCount> keys = counts.entrySet()
			.stream()
			.map((entry) -> new KeyCount(entry.getKey(), entry.getKey().equals(current),
					configured.contains(entry.getKey()), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2],
					entry.getValue()[3]))
			.sorted((a, b) -> Boolean.compare(b.current(), a.current()))
			.toList();
		boolean done = keys.stream()
			.filter((key) -> !key.current())
			.allMatch((key) -> key.cases() + key.caseRevisions() + key.accessLogEntries()
					- key.accessLogEntriesWithoutCase() == 0);
		return new Remaining(current, done, keys);
	}

	/** Where a rotation finds the persons under an earlier key, and how it pages. */
	private enum Source {

		CASES("""
				select distinct on (subject_cpr_hash) subject_cpr_hash as hash, subject_cpr_encrypted as encrypted,
				       subject_cpr_hash as position
				from concern_case
				where split_part(subject_cpr_hash, ':', 1) = :key and subject_cpr_hash > :after
				order by subject_cpr_hash limit :limit
				"""),

		REVISIONS("""
				select distinct on (subject_cpr_hash) subject_cpr_hash as hash, subject_cpr_encrypted as encrypted,
				       subject_cpr_hash as position
				from concern_case_aud
				where split_part(subject_cpr_hash, ':', 1) = :key and subject_cpr_hash > :after
				  and subject_cpr_encrypted is not null
				order by subject_cpr_hash limit :limit
				"""),

		/** Entries whose person the above did not reach: found by their case. */
		ACCESS_LOG("""
				select l.subject_cpr_hash as hash, c.subject_cpr_encrypted as encrypted, l.id as position
				from access_log l join concern_case c on c.id = l.case_id
				where split_part(l.subject_cpr_hash, ':', 1) = :key and l.id > :after
				order by l.id limit :limit
				""");

		private final String candidates;

		Source(String candidates) {
			this.candidates = candidates;
		}

		Object start() {
			return (this == ACCESS_LOG) ? (Object) 0L : "";
		}

	}

	private record Candidate(String hash, byte[] encrypted, Object position) {
	}

	private static final class Tally {

		int batches;

		long cases;

		long revisions;

		long entries;

		long skipped;

		void add(Tally other) {
			this.cases += other.cases;
			this.revisions += other.revisions;
			this.entries += other.entries;
			this.skipped += other.skipped;
		}

	}

	/**
	 * What a run did.
	 *
	 * @param batches transactions
	 * @param cases case rows re-keyed
	 * @param caseRevisions revisions whose case rows were re-keyed
	 * @param accessLogEntries access-log entries re-hashed
	 * @param skipped persons left as they were: their number could not be decrypted, or
	 * did not match its hash (logged)
	 * @param complete whether the run went through everything rather than stopping at its
	 * batch limit or time budget
	 * @param remaining what is left afterwards
	 */
	record Run(int batches, long cases, long caseRevisions, long accessLogEntries, long skipped, boolean complete,
			Remaining remaining) {
	}

	/**
	 * @param currentKey the key everything is moved to
	 * @param done nothing that can be re-keyed is left under another key
	 * @param keys per key id found in the data or configured, the current first
	 */
	record Remaining(String currentKey, boolean done, List<KeyCount> keys) {
	}

	/**
	 * @param configured whether the key is configured (a key id found only in the data
	 * belongs to a key retired too early: its rows cannot be decrypted)
	 * @param accessLogEntriesWithoutCase entries about a person the service holds no case
	 * for (an auditor's search that found nothing): no number to re-key them from, so
	 * they keep the earlier key's hash
	 */
	record KeyCount(String id, boolean current, boolean configured, long cases, long caseRevisions,
			long accessLogEntries, long accessLogEntriesWithoutCase) {
	}

}
