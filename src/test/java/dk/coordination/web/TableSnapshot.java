package dk.coordination.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Every table of the schema as row count and a digest of its rows, found from the
 * catalogue so tables added later are covered too. Equal snapshots before and after a
 * series of requests mean none of them changed, added or logged anything.
 */
final class TableSnapshot {

	// migrations and the scheduler's lock change on their own, not because of requests
	private static final List<String> NOT_DATA = List.of("flyway_schema_history", "shedlock");

	private TableSnapshot() {
	}

	static Map<String, String> of(JdbcClient jdbc) {
		List<String> tables = jdbc
			.sql("select table_name from information_schema.tables where table_schema = current_schema()"
					+ " and table_type = 'BASE TABLE' order by table_name")
			.query(String.class)
			.list();
		Map<String, String> snapshot = new TreeMap<>();
		for (String table : tables) {
			if (!NOT_DATA.contains(table)) {
				snapshot.put(table, jdbc
					.sql("select count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '' order by t::text)), '-')"
							+ " from \"" + table + "\" t")
					.query(String.class)
					.single());
			}
		}
		return snapshot;
	}

	/**
	 * Waits until the events published since {@code since} (by a test's own setup) have
	 * been handled, so their completion does not show as a change.
	 */
	static void awaitQuiet(JdbcClient jdbc, Instant since) {
		OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc
				.sql("select count(*) from event_publication where completion_date is null and publication_date >= ?")
				.param(from)
				.query(Integer.class)
				.single() == 0);
	}

}
