package dk.coordination.performance.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.coordination.CoordinationApplication;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;

/**
 * Starts the service once on a data set {@link MillionCases} generated, in the dev
 * profile, and stops it again: the first start begins the audit chain, sealing the whole
 * generated history (GENESIS seals), which is what this measures. No Keycloak is needed
 * to start. Run it like MillionCases, with {@code --data-dir .perf-data/postgres}.
 */
public final class FirstStart {

	private FirstStart() {
	}

	public static void main(String[] args) {
		Path directory = Path.of((args.length == 2 && args[0].equals("--data-dir")) ? args[1] : ".perf-data/postgres");
		try (EmbeddedDatabase database = EmbeddedDatabase.persistent(directory, FreePorts.pick())) {
			JdbcTemplate jdbc = database.superuserJdbc();
			long sealsBefore = jdbc.queryForObject("select count(*) from audit_seal", Long.class);
			Map<String, Object> properties = new LinkedHashMap<>(database.applicationProperties());
			properties.put("server.address", "127.0.0.1");
			properties.put("server.port", 0);
			long started = System.nanoTime();
			ConfigurableApplicationContext service = new SpringApplicationBuilder(CoordinationApplication.class)
				.profiles("dev")
				.run(properties.entrySet()
					.stream()
					.map((property) -> "--" + property.getKey() + "=" + property.getValue())
					.toArray(String[]::new));
			Duration startup = Duration.ofNanos(System.nanoTime() - started);
			service.close();
			Map<String, Object> seals = jdbc.queryForMap("""
					select count(*) as seals, count(*) filter (where kind = 'GENESIS') as genesis,
					       (select count(*) from audit_seal_item) as items
					from audit_seal
					""");
			System.out.printf("seals before %d; start-up %,d s; after: %s; database %s%n", sealsBefore,
					startup.toSeconds(), seals,
					jdbc.queryForObject("select pg_size_pretty(pg_database_size('" + EmbeddedDatabase.DATABASE + "'))",
							String.class));
		}
	}

}
