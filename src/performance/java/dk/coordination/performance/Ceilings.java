package dk.coordination.performance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's own ceiling for each endpoint: pgbench running, as the service's role
 * and over as many connections as the service's pool has, the SQL that endpoint issues
 * (each {@code src/performance/pgbench/*.sql} says which request it copies and how it was
 * captured). Writes {@code ceilings.properties}: transactions per second and pgbench's
 * latency percentiles.
 */
public final class Ceilings {

	/** Hikari's default pool, which the service runs with: its most parallel queries. */
	static final int CLIENTS = 10;

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	private static final Logger log = LoggerFactory.getLogger(Ceilings.class);

	private Ceilings() {
	}

	public static void main(String[] args) throws Exception {
		Path output = Path.of(args[0]);
		Path scripts = Path.of(args[1]);
		Properties stack = new Properties();
		try (InputStream in = Files.newInputStream(output.resolve(PerformanceStack.STACK_FILE))) {
			stack.load(in);
		}
		int seconds = Integer.getInteger("performance.level-seconds", 30);
		Properties ceilings = new Properties();
		List<Path> files;
		try (Stream<Path> list = Files.list(scripts)) {
			files = list.filter((file) -> file.toString().endsWith(".sql")).sorted().toList();
		}
		for (Path script : files) {
			String name = script.getFileName().toString().replace(".sql", "");
			List<String> command = new ArrayList<>(List.of("pgbench", "--no-vacuum", "--protocol=prepared",
					"--client=" + CLIENTS, "--jobs=2", "--time=" + seconds, "--progress=10",
					"--define=sample=" + stack.getProperty("sample.cases"), "--file=" + script));
			// the data set's values the scripts need: the caller's units and
			// organisation, the cursor of page 10,000
			stack.stringPropertyNames()
				.stream()
				.filter((property) -> property.startsWith("pgbench."))
				.sorted()
				.forEach((property) -> command
					.add("--define=" + property.substring("pgbench.".length()) + "=" + stack.getProperty(property)));
			command.addAll(List.of("--host=127.0.0.1", "--port=" + stack.getProperty("database.port"),
					"--username=coordination_app", stack.getProperty("database.name")));
			log.info("pgbench ceiling of {}: {}", name, String.join(" ", command));
			Path logFile = output.resolve("pgbench-" + name + ".log");
			Process pgbench = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			int exit = pgbench.waitFor();
			String result = Files.readString(logFile);
			Matcher tps = TPS.matcher(result);
			Matcher latency = LATENCY.matcher(result);
			if (exit != 0 || !tps.find() || !latency.find() || result.contains("ERROR")) {
				throw new IllegalStateException("pgbench failed on " + script + ":\n" + result);
			}
			ceilings.setProperty(name + ".tps", tps.group(1));
			ceilings.setProperty(name + ".latency.ms", latency.group(1));
			ceilings.setProperty(name + ".statements", String.valueOf(statements(script)));
			log.info("{}: {} tps, {} ms average", name, tps.group(1), latency.group(1));
		}
		try (OutputStream out = Files.newOutputStream(output.resolve("ceilings.properties"))) {
			ceilings.store(out, "pgbench, " + CLIENTS + " clients, " + seconds + " s each");
		}
	}

	/** SQL statements of one transaction of the script, pgbench's own commands aside. */
	static long statements(Path script) throws IOException {
		List<String> lines = Files.readAllLines(script).stream().map(String::strip).toList();
		// what comes before BEGIN only picks the rows (perf.sample) and is not the
		// endpoint's
		return lines.subList(lines.indexOf("begin;") + 1, lines.indexOf("rollback;"))
			.stream()
			.filter((line) -> !line.isEmpty() && !line.startsWith("--") && !line.startsWith("\\"))
			.filter((line) -> line.endsWith(";") || line.contains(" \\gset"))
			.count();
	}

}
