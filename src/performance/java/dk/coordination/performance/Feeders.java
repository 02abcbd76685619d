package dk.coordination.performance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inputs of the simulations and of pgbench, read from the data set before the load:
 * random cases the benchmark's user may read, cases it may move between ACTIVE and
 * MONITORING, case numbers to search for, the keyset cursor of page 10,000, and the unit
 * whose cases await a meeting. Written once per run so Gatling and pgbench ask for the
 * same rows.
 */
final class Feeders {

	/** The organisation of the benchmark's user ({@code sekretariat} in the realm). */
	static final String ORGANISATION = "KK-BIF";

	private static final int SAMPLE = 100_000;

	/**
	 * The list's page size in the benchmark. The secretariat of one unit sees that unit's
	 * cases (KBH's 12.5% of the million), so page 10,000 exists at 10 a page; at the
	 * default 20 the last page is 6,250.
	 */
	static final int PAGE = 10;

	/** The deep page, or the last one of a smaller trial data set. */
	private static final int DEEP_PAGE = 10_000;

	private Feeders() {
	}

	static Map<String, String> write(JdbcTemplate jdbc, Path output) throws IOException {
		String visible = """
				c.unit_code in (select code from coordination_unit u
				           where (u.secretariat_model = 'MODEL_1' and u.model1_secretariat = '%s')
				              or (u.secretariat_model = 'MODEL_2' and u.model2_secretariat = '%s'))
				""".formatted(ORGANISATION, ORGANISATION);
		// one sample each, kept as tables: pgbench's \set picks a number n, the
		// simulations read the same rows from their CSV files
		jdbc.execute("create schema if not exists perf");
		sample(jdbc, "perf.sample", "c.case_number", visible);
		sample(jdbc, "perf.movable", "c.status, c.version", visible + " and c.status in ('ACTIVE', 'MONITORING')");
		jdbc.execute("grant usage on schema perf to coordination_app");
		jdbc.execute("grant select on perf.sample, perf.movable to coordination_app");
		List<String> cases = jdbc.queryForList("select case_id::text from perf.sample order by n", String.class);
		write(output.resolve("cases.csv"), cases);
		write(output.resolve("case-numbers.csv"),
				jdbc.queryForList("select case_number from perf.sample order by n", String.class));
		List<String> movable = jdbc.query("select case_id, status, version from perf.movable order by n",
				(row, n) -> row.getString(1) + "," + row.getString(2) + "," + row.getLong(3));
		write(output.resolve("transitions.csv"), movable);

		long visibleCases = jdbc.queryForObject("select count(*) from concern_case c where " + visible, Long.class);
		long deepPage = Math.min(DEEP_PAGE, visibleCases / PAGE);
		// the cursor after the last row of the page before
		Map<String, Object> last = jdbc.queryForMap("select c.created_at, c.id from concern_case c where " + visible
				+ " order by c.created_at desc, c.id desc offset " + (PAGE * (deepPage - 1) - 1) + " limit 1");
		String cursor = ((Timestamp) last.get("created_at")).toInstant() + "|" + last.get("id");
		// the agenda is drafted for a typical unit, the one of median size (811
		// candidates for its weekly meeting on the million cases; KBH, three times its
		// size, has 3,386), by its secretariat, the benchmark realm's AGENDA_USER
		Map<String, Object> typical = jdbc.queryForMap("""
				select u.code, case u.secretariat_model when 'MODEL_1' then u.model1_secretariat
				                                  else u.model2_secretariat end as secretariat
				from coordination_unit u join concern_case c on c.unit_code = u.code
				group by u.code order by count(*), u.code
				offset (select count(*) / 2 from coordination_unit) limit 1
				""");
		String unit = (String) typical.get("code");
		String agendaOrganisation = (String) typical.get("secretariat");
		long awaiting = jdbc.queryForObject(
				"select count(*) from concern_case where unit_code = ? and status = 'AWAITING_MEETING'", Long.class,
				unit);
		// the unit's next meeting after the end of the history: the benchmark's meetings
		// are held that day, so every proposal drafts what the unit has due by then, as
		// its secretariat's would, whenever the benchmark runs
		LocalDate nextMeeting = jdbc.queryForObject("""
				select (min(m.starts_at) at time zone 'Europe/Copenhagen')::date from meeting m
				where m.unit_code = ? and m.starts_at > (select max(r.submitted_at) from referral r)
				""", LocalDate.class, unit);
		String invited = jdbc
			.queryForList("select code from organisation where code <> ? order by code limit 4", String.class,
					agendaOrganisation)
			.stream()
			.map((code) -> "\"" + code + "\"")
			.collect(Collectors.joining(","));
		List<String> units = jdbc.queryForList("select distinct c.unit_code from concern_case c where " + visible,
				String.class);
		Map<String, String> found = new LinkedHashMap<>();
		found.put("sample.cases", String.valueOf(cases.size()));
		found.put("list.page.size", String.valueOf(PAGE));
		found.put("list.visible", String.valueOf(visibleCases));
		found.put("list.deep.page", String.valueOf(deepPage));
		found.put("list.deep.cursor",
				Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8)));
		found.put("agenda.unit", unit);
		found.put("agenda.awaiting", String.valueOf(awaiting));
		found.put("agenda.invited", invited);
		found.put("agenda.date", nextMeeting.toString());
		found.put("agenda.organisation", agendaOrganisation);
		// what the pgbench scripts need: the caller's units and organisation, the deep
		// page's cursor, how many cases there are to move
		found.put("pgbench.units", "{" + String.join(",", units) + "}");
		found.put("pgbench.organisation", ORGANISATION);
		found.put("pgbench.cursor_at", ((Timestamp) last.get("created_at")).toInstant().toString());
		found.put("pgbench.cursor_id", last.get("id").toString());
		found.put("pgbench.movable", String.valueOf(movable.size()));
		return found;
	}

	/**
	 * Up to {@value #SAMPLE} random cases where {@code condition} holds, numbered from 1.
	 */
	private static void sample(JdbcTemplate jdbc, String table, String columns, String condition) {
		jdbc.execute("drop table if exists " + table);
		jdbc.execute("""
				create table %s as
				select (row_number() over (order by md5(c.id::text)))::int n, c.id case_id, %s from concern_case c
				where %s order by md5(c.id::text) limit %d""".formatted(table, columns, condition, SAMPLE));
		jdbc.execute("alter table " + table + " add primary key (n)");
	}

	private static void write(Path file, List<String> lines) throws IOException {
		if (lines.isEmpty()) {
			throw new IllegalStateException("The data set has nothing for " + file.getFileName());
		}
		Files.write(file, lines);
	}

}
