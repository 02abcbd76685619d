package dk.coordination.performance;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.coordination.performance.dataset.MillionCases;
import dk.coordination.support.EmbeddedDatabase;

/**
 * The benchmark database holds the million-case data set: generated on the first run,
 * with the benchmark installation's own CPR keys (a production start refuses the
 * development key), and kept in the data directory for the next runs.
 */
final class DataSet {

	/**
	 * How many cases; {@code -Dperformance.cases} makes a smaller set for a trial run.
	 */
	static final int CASES = Integer.getInteger("performance.cases", 1_000_000);

	private static final Logger log = LoggerFactory.getLogger(DataSet.class);

	private DataSet() {
	}

	static void ensure(EmbeddedDatabase database, PerformanceStack.PerformanceKeys keys, Map<String, String> measured) {
		MillionCases.migrate(database.ownerDataSource());
		long cases = database.superuserJdbc().queryForObject("select count(*) from concern_case", Long.class);
		if (cases == 0) {
			log.info("Generating {} cases in 20 units (MillionCases); this takes a while once", CASES);
			// as the superuser, as MillionCases' own main does, so COPY may skip the
			// foreign keys' triggers
			MillionCases.Summary summary = MillionCases.generate(
					new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
							database.jdbcUrl(), "postgres", "postgres"),
					MillionCases.Options.of(CASES, 20, 11),
					new MillionCases.CprKeys(keys.cprEncryptionKey(), keys.cprHashKey()));
			measured.put("dataset.generated.seconds", String.valueOf(summary.elapsed().toSeconds()));
			cases = summary.rows("concern_case");
		}
		measured.put("dataset.cases", String.valueOf(cases));
	}

}
