package dk.coordination.performance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
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
		List<String> cases = jdbc.queryForList(
				"select c.id::text from concern_case c where " + visible + " order by md5(c.id::text) limit " + SAMPLE,
				String.class);
		write(output.resolve("cases.csv"), cases);
		write(output.resolve("case-numbers.csv"), jdbc.queryForList("select c.case_number from concern_case c where "
				+ visible + " order by md5(c.id::text) limit " + SAMPLE, String.class));
		write(output.resolve("transitions.csv"),
				jdbc.query(
						"select c.id, c.status, c.version from concern_case c where " + visible
								+ " and c.status in ('ACTIVE', 'MONITORING') order by md5(c.id::text) limit " + SAMPLE,
						(row, n) -> row.getString(1) + "," + row.getString(2) + "," + row.getLong(3)));
		// pgbench's \set picks a number; this maps it to the same sample of cases
		jdbc.execute("create schema if not exists perf");
		jdbc.execute("drop table if exists perf.sample");
		jdbc.execute("""
				create table perf.sample as
				select (row_number() over ())::int n, c.id case_id, c.case_number from concern_case c
				where %s order by md5(c.id::text) limit %d""".formatted(visible, SAMPLE));
		jdbc.execute("alter table perf.sample add primary key (n)");
		jdbc.execute("drop table if exists perf.movable");
		jdbc.execute("""
				create table perf.movable as
				select (row_number() over ())::int n, c.id case_id from concern_case c
				where %s and c.status in ('ACTIVE', 'MONITORING') order by md5(c.id::text) limit %d"""
			.formatted(visible, SAMPLE));
		jdbc.execute("alter table perf.movable add primary key (n)");
		long movable = jdbc.queryForObject("select count(*) from perf.movable", Long.class);
		jdbc.execute("grant usage on schema perf to coordination_app");
		jdbc.execute("grant select on perf.sample, perf.movable to coordination_app");

		long visibleCases = jdbc.queryForObject("select count(*) from concern_case c where " + visible, Long.class);
		long deepPage = Math.min(DEEP_PAGE, visibleCases / PAGE);
		// the cursor after the last row of the page before
		Map<String, Object> last = jdbc.queryForMap("select c.created_at, c.id from concern_case c where " + visible
				+ " order by c.created_at desc, c.id desc offset " + (PAGE * (deepPage - 1) - 1) + " limit 1");
		String cursor = ((Timestamp) last.get("created_at")).toInstant() + "|" + last.get("id");
		String unit = jdbc.queryForObject(
				"select c.unit_code from concern_case c where " + visible
						+ " and c.status = 'AWAITING_MEETING' group by c.unit_code order by count(*) desc limit 1",
				String.class);
		long awaiting = jdbc.queryForObject(
				"select count(*) from concern_case where unit_code = ? and status = 'AWAITING_MEETING'", Long.class,
				unit);
		String invited = jdbc
			.queryForList("select code from organisation where code <> ? order by code limit 4", String.class,
					ORGANISATION)
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
		// what the pgbench scripts need: the caller's units and organisation, the deep
		// page's cursor, how many cases there are to move
		found.put("pgbench.units", "{" + String.join(",", units) + "}");
		found.put("pgbench.organisation", ORGANISATION);
		found.put("pgbench.cursor_at", ((Timestamp) last.get("created_at")).toInstant().toString());
		found.put("pgbench.cursor_id", last.get("id").toString());
		found.put("pgbench.movable", String.valueOf(movable));
		return found;
	}

	private static void write(Path file, List<String> lines) throws IOException {
		if (lines.isEmpty()) {
			throw new IllegalStateException("The data set has nothing for " + file.getFileName());
		}
		Files.write(file, lines);
	}

}
