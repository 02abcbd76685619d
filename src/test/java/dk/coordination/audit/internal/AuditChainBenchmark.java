package dk.coordination.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.support.EmbeddedDatabase;

/**
 * What the audit chain costs: a transaction that writes a read or a revision, with and
 * without its seal, alone and eight at a time; beginning the chain over an existing
 * history; and verifying the whole chain. Against a fresh embedded PostgreSQL with the
 * service's migrations, calling {@link AuditChain} and {@link AuditChainVerification}
 * directly over JDBC (no HTTP, no Hibernate). Not a test: it writes its figures to
 * {@code docs/benchmarks/audit-chain.md}. Run it with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dk.coordination.audit.internal.AuditChainBenchmark
 * </pre>
 */
public final class AuditChainBenchmark {

	/** Reads in the history that exists when the chain begins. */
	private static final int HISTORY_READS = Integer.getInteger("reads", 200_000);

	/** Revisions, with one concern_case_aud row each, in that history. */
	private static final int HISTORY_REVISIONS = Integer.getInteger("revisions", 50_000);

	private static final int TRANSACTIONS = Integer.getInteger("transactions", 2_000);

	private static final int THREADS = 8;

	private AuditChainBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.shared()) {
			Flyway.configure()
				.dataSource(database.ownerDataSource())
				.locations("filesystem:db/migration")
				.placeholders(Map.of("serviceRole", EmbeddedDatabase.SERVICE_ROLE))
				.load()
				.migrate();
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(database.jdbcUrl());
			config.setUsername(EmbeddedDatabase.OWNER_ROLE);
			config.setPassword(EmbeddedDatabase.OWNER_ROLE);
			config.setMaximumPoolSize(THREADS);
			try (HikariDataSource pool = new HikariDataSource(config)) {
				new AuditChainBenchmark().run(pool);
			}
		}
	}

	private void run(HikariDataSource pool) throws Exception {
		JdbcClient jdbc = JdbcClient.create(pool);
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		AuditChainKeys keys = new AuditChainKeys(
				new AuditChainProperties(Base64.getEncoder().encodeToString(key), List.of()), false);
		// no entity manager: sealing is called directly here, not registered on Hibernate
		AuditChain chain = new AuditChain(jdbc, pool, null, keys, Clock.systemUTC());
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));

		long seeding = System.nanoTime();
		seedHistory(jdbc);
		seeding = millis(seeding);
		long genesis = System.nanoTime();
		transaction.executeWithoutResult((status) -> chain.begin());
		genesis = millis(genesis);
		long genesisSeals = jdbc.sql("select count(*) from audit_seal").query(Long.class).single();

		// unsealed rows in the real tables would be reported by the verification, so the
		// plain transactions write to copies of them (same columns, indexes and
		// defaults), named so that the chain does not take them for audit tables
		for (String table : List.of("access_log", "audit_revision", "concern_case_aud")) {
			jdbc.sql("create table " + table + "_plain (like " + table + " including all)").update();
		}
		Work read = (sealed) -> transaction.executeWithoutResult((status) -> {
			// as JdbcAccessLog does: the insert returns the row's digest for the seal
			Map.Entry<Long, byte[]> entry = jdbc.sql("""
					insert into %1$s (read_at, username, organisation, case_id, what, purpose, request_id)
					values (now(), 'bench', 'KK-BIF', ?, 'CASE', 'Sagsbehandling', ?)
					returning id, audit_row_digest(to_jsonb(%1$s.*)) as digest
					""".formatted(table(sealed, "access_log")))
				.params(UUID.randomUUID(), UUID.randomUUID().toString())
				.query((row, n) -> Map.entry(row.getLong("id"), row.getBytes("digest")))
				.single();
			if (sealed) {
				PendingSeal pending = new PendingSeal(chain);
				pending.digested(Map.ofEntries(entry));
				chain.seal(pending);
			}
		});
		Work revision = (sealed) -> transaction.executeWithoutResult((status) -> {
			long rev = jdbc.sql("""
					insert into %s (revision_time, username, organisation, request_id)
					values (now(), 'bench', 'KK-BIF', ?) returning id
					""".formatted(table(sealed, "audit_revision")))
				.params(UUID.randomUUID().toString())
				.query(Long.class)
				.single();
			jdbc.sql("""
					insert into %s (id, rev, revtype, unit_code, status, status_reason, subject_name)
					values (?, ?, 1, 'KBH', 'SCREENING', 'Screening', 'Bench Person')
					""".formatted(table(sealed, "concern_case_aud"))).params(UUID.randomUUID(), rev).update();
			if (sealed) {
				PendingSeal pending = new PendingSeal(chain);
				pending.written(rev);
				chain.seal(pending);
			}
		});

		// warm-up: the JIT and PostgreSQL's caches, both ways
		for (boolean sealed : new boolean[] { false, true }) {
			alone(read, sealed, 500);
			alone(revision, sealed, 500);
		}
		List<Long> readPlain = alone(read, false, TRANSACTIONS);
		List<Long> readSealed = alone(read, true, TRANSACTIONS);
		List<Long> revisionPlain = alone(revision, false, TRANSACTIONS);
		List<Long> revisionSealed = alone(revision, true, TRANSACTIONS);
		double readPlainRate = parallel(read, false, TRANSACTIONS * 2);
		double readSealedRate = parallel(read, true, TRANSACTIONS * 2);
		double revisionPlainRate = parallel(revision, false, TRANSACTIONS * 2);
		double revisionSealedRate = parallel(revision, true, TRANSACTIONS * 2);

		jdbc.sql("analyze").update();
		AuditChainVerification verification = new AuditChainVerification(jdbc, new JdbcTemplate(pool), chain, keys,
				Clock.systemUTC());
		List<Long> verifying = new ArrayList<>();
		AuditChainVerification.Report report = null;
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			report = verification.verify();
			verifying.add(millis(start));
		}
		if (!report.intact()) {
			throw new IllegalStateException("The benchmark's chain is broken: " + report.firstBrokenLink());
		}

		String figures = """
				# The audit chain's cost

				Measured %s by `AuditChainBenchmark` (src/test/java/dk/coordination/audit/internal): a fresh
				embedded PostgreSQL 18 with the service's migrations, `AuditChain` and `AuditChainVerification`
				called directly over JDBC through a HikariCP pool of %d (no HTTP, no Hibernate: what is
				measured is the chain's own SQL and MAC). A *read* is one transaction inserting one access-log
				row; a *revision* one inserting an `audit_revision` row and one `concern_case_aud` row. *Sealed*
				adds what the service does before every such commit: take the chain's lock, read the head,
				compute the digests in SQL (a read's come back from its insert, as in `JdbcAccessLog`), write the
				seal with its MAC. The plain transactions write to copies of
				the three tables (`create table … (like … including all)`: the same columns, indexes and defaults),
				since unsealed rows in the real ones would be reported by the verification. 500 warm-up
				transactions of each kind first.

				## One at a time (%,d transactions each), milliseconds per transaction

				| work | median | p95 | p99 |
				|---|---|---|---|
				| read | %.2f | %.2f | %.2f |
				| read, sealed | %.2f | %.2f | %.2f |
				| revision | %.2f | %.2f | %.2f |
				| revision, sealed | %.2f | %.2f | %.2f |

				## %d threads at once (%,d transactions each way), transactions per second

				| work | plain | sealed | sealed / plain |
				|---|---|---|---|
				| read | %,.0f | %,.0f | %.0f %% |
				| revision | %,.0f | %,.0f | %.0f %% |

				Sealed transactions queue for the chain's lock between their seal and their commit, so under
				load the seal's cost is paid in turn, not side by side.

				## Beginning and verifying

				- Beginning the chain over a history of %,d reads and %,d revisions (seeded by SQL in %,d ms):
				  %,d ms, in %,d `GENESIS` seals of up to %,d rows.
				- Verifying the whole chain afterwards (%,d seals, %,d revisions, %,d access-log entries):
				  %s ms (3 rounds). Verification reads every audit row and every seal, so it grows with the
				  history: run it as a scheduled check in a quiet hour, not per request.

				Figures from one run on a shared 2-core machine; compare runs on the same machine only.
				""".formatted(Instant.now(), THREADS, TRANSACTIONS, percentile(readPlain, 50),
				percentile(readPlain, 95), percentile(readPlain, 99), percentile(readSealed, 50),
				percentile(readSealed, 95), percentile(readSealed, 99), percentile(revisionPlain, 50),
				percentile(revisionPlain, 95), percentile(revisionPlain, 99), percentile(revisionSealed, 50),
				percentile(revisionSealed, 95), percentile(revisionSealed, 99), THREADS, TRANSACTIONS * 2,
				readPlainRate, readSealedRate, 100 * readSealedRate / readPlainRate, revisionPlainRate,
				revisionSealedRate, 100 * revisionSealedRate / revisionPlainRate, HISTORY_READS, HISTORY_REVISIONS,
				seeding, genesis, genesisSeals, AuditChain.GENESIS_BATCH, report.seals(), report.revisions(),
				report.accessLogEntries(),
				verifying.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow());
		Path target = Path.of("docs/benchmarks/audit-chain.md");
		Files.createDirectories(target.getParent());
		Files.writeString(target, figures);
		System.out.println(figures);
	}

	/** One transaction of a kind, sealed or not. */
	@FunctionalInterface
	private interface Work {

		void run(boolean sealed);

	}

	private static String table(boolean sealed, String table) {
		// not "…_aud": the chain would take a copy of concern_case_aud for a history
		// table
		return sealed ? table : table + "_plain";
	}

	/** Nanoseconds per transaction, one after the other. */
	private static List<Long> alone(Work work, boolean sealed, int count) {
		List<Long> times = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			work.run(sealed);
			times.add(System.nanoTime() - start);
		}
		return times;
	}

	/** Transactions per second with {@value #THREADS} threads. */
	private static double parallel(Work work, boolean sealed, int count) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> results = new ArrayList<>();
			long start = System.nanoTime();
			for (int t = 0; t < THREADS; t++) {
				results.add(executor.submit(() -> {
					for (int i = 0; i < count / THREADS; i++) {
						work.run(sealed);
					}
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
			return (count / THREADS * THREADS) / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void seedHistory(JdbcClient jdbc) {
		jdbc.sql("""
				insert into access_log (read_at, username, organisation, case_id, what, purpose, request_id)
				select now() - g * interval '1 minute', 'bench', 'KK-BIF', gen_random_uuid(), 'CASE', 'Sagsbehandling',
				       'seed-' || g
				from generate_series(1, ?) g
				""").params(HISTORY_READS).update();
		jdbc.sql("""
				insert into audit_revision (revision_time, username, organisation, request_id)
				select now() - g * interval '1 minute', 'bench', 'KK-BIF', 'seed-' || g from generate_series(1, ?) g
				""").params(HISTORY_REVISIONS).update();
		jdbc.sql("""
				insert into concern_case_aud (id, rev, revtype, unit_code, status, status_reason, subject_name)
				select gen_random_uuid(), r.id, 0, 'KBH', 'RECEIVED', 'Modtaget', 'Bench Person' from audit_revision r
				""").update();
		jdbc.sql("analyze").update();
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
