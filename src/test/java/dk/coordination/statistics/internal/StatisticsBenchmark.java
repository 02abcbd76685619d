package dk.coordination.statistics.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.support.EmbeddedDatabase;

/**
 * How long the statistics query takes on a unit with a large history: 50,000 cases over
 * three years with their referrals, status history, first meetings and reviews, seeded by
 * SQL into a fresh embedded PostgreSQL with the service's migrations. Not a test: it
 * writes its figures to {@code docs/benchmarks/statistics.md}. Run it with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dk.coordination.statistics.internal.StatisticsBenchmark
 * </pre>
 */
public final class StatisticsBenchmark {

	private static final int CASES = Integer.getInteger("cases", 50_000);

	private static final int ROUNDS = 7;

	private StatisticsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.shared()) {
			// seeded as the owner: the history tables take no UPDATE or DELETE from the
			// service
			DataSource dataSource = database.ownerDataSource();
			Flyway.configure()
				.dataSource(dataSource)
				.locations("filesystem:db/migration")
				.placeholders(Map.of("serviceRole", EmbeddedDatabase.SERVICE_ROLE))
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			long seeding = System.nanoTime();
			seed(jdbc);
			seeding = (System.nanoTime() - seeding) / 1_000_000;
			jdbc.sql("analyze").update();
			StatisticsQueries queries = new StatisticsQueries(jdbc);
			List<Long> year = time(queries, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
			List<Long> threeYears = time(queries, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
			StatisticsQueries.Counts counts = queries.count("KBH", LocalDate.of(2024, 1, 1),
					LocalDate.of(2024, 12, 31));
			long referrals = jdbc.sql("select count(*) from referral").query(Long.class).single();
			long history = jdbc.sql("select count(*) from concern_case_aud").query(Long.class).single();
			long items = jdbc.sql("select count(*) from agenda_item").query(Long.class).single();
			long reviews = jdbc.sql("select count(*) from case_review").query(Long.class).single();
			String report = """
					# Statistics query on a unit with 50,000 cases

					Measured %s by `StatisticsBenchmark` (src/test/java/dk/coordination/statistics/internal):
					a fresh embedded PostgreSQL 18 with the service's migrations, one unit with %,d cases over
					three years (%,d referrals, %,d status-history rows, %,d agenda items on 151 held meetings,
					%,d reviews), seeded by SQL in %,d ms. `StatisticsQueries.count`, the report's five queries,
					called directly over JDBC (no HTTP, no Spring transaction, no suppression, which takes
					microseconds). %d rounds per period; the first includes warm-up. Times in milliseconds.

					No index was added for it (Flyway V14 stays unused): the queries scan the unit's rows once
					each, and the first version, which looked up reopenings with a correlated `EXISTS` on the
					history, did not finish in eight minutes here; the aggregate join now used takes the
					figures below.

					| period | min | median | max |
					|---|---|---|---|
					| one year (2024) | %d | %d | %d |
					| three years (2023–2025) | %d | %d | %d |

					2024 in figures: %,d cases opened, %,d concerns, %,d first meetings (median %.1f days).
					Figures from one run on a shared 2-core machine; compare runs on the same machine only.
					""".formatted(Instant.now(), CASES, referrals, history, items, reviews, seeding, ROUNDS, min(year),
					median(year), max(year), min(threeYears), median(threeYears), max(threeYears), counts.opened(),
					counts.concernsByCategory().values().stream().mapToLong(Long::longValue).sum(),
					counts.timeToFirstMeeting().cases(), counts.timeToFirstMeeting().medianDays());
			Path target = Path.of("docs/benchmarks/statistics.md");
			Files.createDirectories(target.getParent());
			Files.writeString(target, report);
			System.out.println(report);
		}
	}

	private static List<Long> time(StatisticsQueries queries, LocalDate from, LocalDate to) {
		List<Long> times = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			queries.count("KBH", from, to);
			times.add((System.nanoTime() - start) / 1_000_000);
		}
		return times;
	}

	/**
	 * Cases every 30 minutes from 2023 on, 40 % of them closed 40 days later (a tenth of
	 * those reopened 40 days after that), a third on the agenda of the first weekly
	 * meeting a week after they came in, two reviews per closed case.
	 */
	private static void seed(JdbcClient jdbc) {
		jdbc.sql(
				"""
						insert into concern_case (id, unit_code, case_number, status, closing_reason, subject_name,
						                          subject_cpr_encrypted, subject_cpr_hash, subject_cpr_masked, created_at, updated_at)
						select gen_random_uuid(), 'KBH', 'B-' || g, case when g % 5 < 2 then 'CLOSED' else 'ACTIVE' end,
						       case when g % 5 < 2 then (array['NO_CONCERN', 'HANDLED_BY_ONE_AUTHORITY', 'PLAN_COMPLETED',
						                                       'MOVED_AWAY'])[1 + g % 4] end,
						       'Bench', '\\x00', 'bench-' || g, 'xxxxxx-xxxx',
						       timestamptz '2023-01-01 08:00+01' + g * interval '30 minutes', now()
						from generate_series(1, :n) g
						""")
			.param("n", CASES)
			.update();
		jdbc.sql(
				"""
						insert into referral (id, case_id, submitted_by_user, submitted_by_org, submitted_at, concern, category,
						                      legal_basis, urgent, receipt_number, subject_name)
						select gen_random_uuid(), c.id, 'bench',
						       (array['KBH-POLITI', 'KRIMINALFORSORGEN', 'KK-BUF', 'KK-SOF'])[1 + abs(hashtext(c.case_number)) % 4],
						       c.created_at + extra * interval '20 days', 'Bench',
						       (array['MILITANT_ISLAMISM', 'RIGHT_WING', 'LEFT_WING', 'OTHER', 'UNCLEAR'])
						           [1 + abs(hashtext(c.case_number || 'k')) % 5],
						       'RETSPLEJELOVEN_115', false, 'HB-' || c.case_number || '-' || extra, 'Bench'
						from concern_case c
						cross join generate_series(0, 1) extra
						where c.case_number like 'B-%' and (extra = 0 or abs(hashtext(c.case_number)) % 5 = 0)
						""")
			.update();
		jdbc.sql(
				"""
						insert into audit_revision (revision_time, username, request_id, source)
						select created_at, 'bench', case_number, 'open' from concern_case where case_number like 'B-%'
						union all
						select created_at + interval '40 days', 'bench', case_number, 'close'
						from concern_case where case_number like 'B-%' and status = 'CLOSED'
						union all
						select created_at + interval '80 days', 'bench', case_number, 'reopen'
						from concern_case where case_number like 'B-%' and status = 'CLOSED' and abs(hashtext(case_number)) % 10 = 0
						""")
			.update();
		jdbc.sql("""
				insert into concern_case_aud (id, rev, revtype, unit_code, status, closing_reason)
				select c.id, r.id, case r.source when 'open' then 0 else 1 end, 'KBH',
				       case r.source when 'open' then 'RECEIVED' when 'close' then 'CLOSED' else 'SCREENING' end,
				       case r.source when 'close' then c.closing_reason end
				from audit_revision r join concern_case c on c.case_number = r.request_id
				where r.username = 'bench'
				""").update();
		jdbc.sql("""
				insert into meeting (id, unit_code, starts_at, duration_minutes, location, state, created_by_user,
				                     created_at, updated_at)
				select gen_random_uuid(), 'KBH', timestamptz '2023-01-05 09:00+01' + w * interval '7 days', 120,
				       'Bench', 'HELD', 'bench', now(), now()
				from generate_series(0, 150) w
				""").update();
		jdbc.sql("""
				insert into agenda_item (id, meeting_id, position, case_id, reason, title, created_at)
				select gen_random_uuid(), meeting_id, row_number() over (partition by meeting_id), case_id,
				       'AWAITING_MEETING', 'Bench', now()
				from (select c.id as case_id,
				             (select m.id from meeting m where m.unit_code = 'KBH'
				                and m.starts_at >= c.created_at + interval '7 days'
				              order by m.starts_at limit 1) as meeting_id
				      from concern_case c
				      where c.case_number like 'B-%' and abs(hashtext(c.case_number)) % 3 = 0) due
				where meeting_id is not null
				""").update();
		jdbc.sql("""
				insert into case_review (id, case_id, due_date, state, decided_at)
				select gen_random_uuid(), c.id, (c.created_at + interval '40 days' + months * interval '1 month')::date,
				       case when abs(hashtext(c.case_number)) % 7 = 0 then 'PENDING' else 'CONFIRMED' end,
				       case when abs(hashtext(c.case_number)) % 7 = 0 then null
				            else c.created_at + interval '40 days' + months * interval '1 month'
				                 + (abs(hashtext(c.case_number)) % 45) * interval '1 day' end
				from concern_case c cross join (values (6), (12)) as m(months)
				where c.case_number like 'B-%' and c.status = 'CLOSED'
				""").update();
	}

	private static long min(List<Long> times) {
		return Collections.min(times);
	}

	private static long max(List<Long> times) {
		return Collections.max(times);
	}

	private static long median(List<Long> times) {
		List<Long> sorted = new ArrayList<>(times);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
