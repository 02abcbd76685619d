package dk.coordination.performance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dk.coordination.support.Browser;

/**
 * Writes {@code docs/benchmarks/performance.md} from one run of
 * {@code ./mvnw -Pperformance verify}: Gatling's figures per request and level (from each
 * report: {@link GatlingStats}), the throughput at saturation as the database saw it (the
 * most requests completed in any 3 seconds of the simulation, by the request ids of their
 * read-log rows or revisions), pgbench's ceilings, the start-up and memory figures, and a
 * PNG of each Gatling report taken with headless Chromium.
 */
public final class PerformanceReport {

	/** One row of issue 11's table and how the database counts its completed requests. */
	record Work(String title, String simulation, String ceiling, List<String> otherCeilings, String completedPerSecond,
			String goal) {
	}

	static final List<Work> WORKS = List.of(
			new Work("GET a case by id (with its read logged and sealed)", "CaseReadSimulation", "case-by-id",
					List.of(), """
							select date_trunc('second', read_at) s, count(distinct request_id) n from access_log
							where read_at between ? and ? and purpose = 'Sagsbehandling' group by 1""",
					"≥ 60% of the pgbench ceiling; p99 ≤ 20 ms at 1,000 req/s"),
			new Work("List and search cases over 1M rows (page 1, page 10,000 by keyset, search by number)",
					"CaseListSimulation", "case-list-page-10000", List.of("case-list-page-1", "case-search"), """
							select date_trunc('second', read_at) s, count(distinct request_id) n from access_log
							where read_at between ? and ? and purpose = 'Overblik over sager' group by 1""",
					"p99 ≤ 30 ms; page 10,000 within 1.5× page 1; ≤ 2 statements"),
			new Work("Status transition with its Envers revision", "TransitionSimulation", "transition", List.of(), """
					select date_trunc('second', r.revision_time) s, count(*) n from audit_revision r
					where r.revision_time between ? and ?
					  and exists (select 1 from concern_case_aud a where a.rev = r.id) group by 1""",
					"≥ 1,000/s and ≥ 50% of its pgbench ceiling; audit rows = acknowledged writes"),
			new Work("Agenda proposal of 200 items, then its PDF", "AgendaSimulation", null, List.of(), """
					select date_trunc('second', r.revision_time) s, count(distinct r.id) n from audit_revision r
					join agenda_item_aud a on a.rev = r.id where r.revision_time between ? and ? group by 1""",
					"≤ 3 statements; p95 ≤ 50 ms; PDF p95 ≤ 300 ms"));

	private PerformanceReport() {
	}

	public static void main(String[] args) throws Exception {
		Path output = Path.of(args[0]);
		Path gatling = Path.of(args[1]);
		Path docs = Path.of(args[2]);
		Properties stack = load(output.resolve(PerformanceStack.STACK_FILE));
		Properties windows = load(output.resolve("windows.properties"));
		Properties ceilings = load(output.resolve("ceilings.properties"));
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(),
				stack.getProperty("database.jdbc"), "postgres", "postgres"));
		Path images = docs.resolve("performance");
		Files.createDirectories(images);

		StringBuilder report = new StringBuilder();
		report.append("""
				# Performance on %s cases: one run

				Written %s by `PerformanceReport` at the end of `./mvnw -Pperformance verify`
				(docs/performance.md says how to read it). %s cores, %s, the packaged jar with `%s`,
				configured from the environment only; embedded PostgreSQL 18 on the same machine
				(fsync off: the zonky binaries' default, for the service and pgbench alike). Gatling's
				open model: each level is %s s of requests arriving at a fixed rate, then a ramp past
				what the service can take. Latencies in milliseconds, as Gatling measured them.

				""".formatted(String.format(Locale.ROOT, "%,d", Long.parseLong(stack.getProperty("dataset.cases"))),
				Instant.now(), stack.getProperty("cpus"), "JDK " + stack.getProperty("jvm.version"),
				stack.getProperty("jvm.flags"), Integer.getInteger("performance.level-seconds", 30)));
		report.append(dataSet(jdbc, stack));

		for (Work work : WORKS) {
			Path run = latestRun(gatling, work.simulation());
			List<GatlingStats> stats = GatlingStats.read(run.resolve("index.html"));
			Instant start = Instant.parse(windows.getProperty(work.simulation() + ".start"));
			Instant end = Instant.parse(windows.getProperty(work.simulation() + ".end"));
			double saturation = peak(jdbc, work.completedPerSecond(), start, end);
			report.append("## ").append(work.title()).append("\n\nGoal: ").append(work.goal()).append("\n\n");
			report.append(
					"| request @ level | requests | failed | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n");
			for (GatlingStats request : stats) {
				report.append("| %s | %d | %d | %d | %d | %d | %d |\n".formatted(request.name(), request.total(),
						request.ko(), request.p50(), request.p95(), request.p99(), request.max()));
			}
			report.append(
					"\n- throughput at saturation (most completed in 3 s, by the database's timestamps): **%.0f/s**\n"
						.formatted(saturation));
			if (work.ceiling() != null) {
				double ceilingTps = Double.parseDouble(ceilings.getProperty(work.ceiling() + ".tps"));
				report.append(
						"- pgbench ceiling of the same SQL (`src/performance/pgbench/%s.sql`, %s statements, %d clients): **%.0f/s**, %s ms average\n"
							.formatted(work.ceiling(), ceilings.getProperty(work.ceiling() + ".statements"),
									Ceilings.CLIENTS, ceilingTps,
									ceilings.getProperty(work.ceiling() + ".latency.ms")));
				report.append("- ratio to the ceiling: **%.0f%%**\n".formatted(100 * saturation / ceilingTps));
			}
			if (work.simulation().equals("TransitionSimulation")) {
				long acknowledged = stats.stream().mapToLong(GatlingStats::ok).sum();
				Long revisions = jdbc.queryForObject("""
						select count(*) from audit_revision r where r.revision_time between ? and ?
						and exists (select 1 from concern_case_aud a where a.rev = r.id)""", Long.class,
						Timestamp.from(start), Timestamp.from(end));
				report.append(
						"- acknowledged transitions (200 OK): %d; revisions with a case history row in the window: %d\n"
							.formatted(acknowledged, revisions));
			}
			if (work.simulation().equals("CaseReadSimulation")) {
				double requests = stats.stream().mapToLong(GatlingStats::ok).sum();
				report.append("\n### Where a read's CPU goes\n\n")
					.append(Profile.summary(output.resolve("case-read.jfr"), requests));
			}
			Path image = images.resolve(work.simulation() + ".png");
			screenshot(run.resolve("index.html"), image);
			report.append("\n![Gatling report of ")
				.append(work.simulation())
				.append("](performance/")
				.append(image.getFileName())
				.append(")\n\n");
			for (String name : work.otherCeilings()) {
				String extra = name + ".tps";
				report.append("- also pgbench `%s.sql` (%s statements): %s/s, %s ms average\n".formatted(name,
						ceilings.getProperty(name + ".statements"), ceilings.getProperty(extra),
						ceilings.getProperty(name + ".latency.ms")));
			}
			report.append("\n");
		}

		long servicePid = Long.parseLong(stack.getProperty("service.pid"));
		long rssAfter = PerformanceStack.rssMegabytes(servicePid);
		long anonymousRssAfter = PerformanceStack.anonymousRssMegabytes(servicePid);
		report
			.append("""
					## Start to ready; memory

					Goal: ≤ 3 s with the JDK's AOT cache; RSS ≤ 350 MB idle. "Ready" is the first 200 of
					`/actuator/health/readiness`, timed from launching `java`; the JVM's own figure is
					Spring Boot's "process running for". RSS from `/proc/<pid>/status`, %d s after ready:
					`VmRSS`, and of it `RssAnon`, the process's own memory without the mapped jars and AOT
					cache (file pages the kernel can drop and instances on one node share). JVM: `%s`,
					environment `%s`.

					| start | to ready (s) | JVM's own (s) | RSS idle (MB) | of it private (MB) |
					|---|---|---|---|---|
					| plain (extracted jar) | %s | %s | %s | %s |
					| as in production: Spring AOT (`%s`) and the AOT cache | %s | %s | %s | %s |

					- AOT cache: training run %s s (with Spring AOT), cache %s MB (`-XX:AOTCacheOutput`, `-Dspring.context.exit=onRefresh`)
					- RSS of the AOT-started service after all the load above: %d MB, of it private %d MB
					%s
					"""
				.formatted(10, String.join(" ", PerformanceStack.PRODUCTION_JVM_FLAGS),
						PerformanceStack.PRODUCTION_JVM_ENVIRONMENT, stack.getProperty("start.plain.ready.seconds"),
						stack.getProperty("start.plain.jvm.seconds"), stack.getProperty("start.plain.rss.idle.mb"),
						stack.getProperty("start.plain.rss.anon.idle.mb"), PerformanceStack.SPRING_AOT,
						stack.getProperty("start.aot.ready.seconds"), stack.getProperty("start.aot.jvm.seconds"),
						stack.getProperty("start.aot.rss.idle.mb"), stack.getProperty("start.aot.rss.anon.idle.mb"),
						stack.getProperty("aot.training.seconds"), stack.getProperty("aot.cache.mb"), rssAfter,
						anonymousRssAfter,
						stack.containsKey("start.genesis.ready.seconds")
								? "- first start on the new data set, sealing its history (GENESIS, %s seals): %s s"
									.formatted(stack.getProperty("chain.genesis.seals"),
											stack.getProperty("start.genesis.ready.seconds"))
								: ""));
		Files.writeString(docs.resolve("performance.md"), report.toString().replaceAll("(?m)[ \t]+$", ""));
		System.out.println(report);
	}

	private static String dataSet(JdbcTemplate jdbc, Properties stack) {
		StringBuilder table = new StringBuilder("| table | rows |\n|---|---|\n");
		for (String name : List.of("concern_case", "referral", "case_participant", "case_task", "status_report",
				"meeting", "agenda_item", "audit_revision", "concern_case_aud", "access_log", "audit_seal")) {
			Long rows = jdbc.queryForObject("select count(*) from " + name, Long.class);
			table.append("| `")
				.append(name)
				.append("` | ")
				.append(String.format(Locale.ROOT, "%,d", rows))
				.append(" |\n");
		}
		String size = jdbc.queryForObject("select pg_size_pretty(pg_database_size('coordination'))", String.class);
		return "The data set (MillionCases; rows at the end of the run, database " + size + "):\n\n" + table + "\n";
	}

	/**
	 * The most requests the database saw completed in any 3 consecutive seconds, per
	 * second.
	 */
	private static double peak(JdbcTemplate jdbc, String perSecond, Instant start, Instant end) {
		Double peak = jdbc.queryForObject("""
				with per_second as (%s)
				select coalesce(max(n3) / 3.0, 0) from (
				  select sum(n) over (order by s range between interval '2 seconds' preceding and current row) n3
				  from per_second) w""".formatted(perSecond), Double.class, Timestamp.from(start), Timestamp.from(end));
		return (peak != null) ? peak : 0;
	}

	private static Path latestRun(Path gatling, String simulation) throws IOException {
		try (Stream<Path> runs = Files.list(gatling)) {
			return runs
				.filter((run) -> run.getFileName().toString().startsWith(simulation.toLowerCase(Locale.ROOT) + "-"))
				.filter((run) -> Files.exists(run.resolve("index.html")))
				.max(Comparator.comparing((Path run) -> run.getFileName().toString()))
				.orElseThrow(() -> new IllegalStateException("No Gatling report of " + simulation + " in " + gatling));
		}
	}

	/**
	 * Fails at once when Chromium is missing. The report is the last step of the run, so
	 * without this check a missing browser would show only after some 40 minutes of
	 * generating, sealing and loading.
	 */
	static void requireChromium() {
		if (!Files.isExecutable(Browser.CHROMIUM)) {
			throw new IllegalStateException("The report takes its pictures of the Gatling charts with headless"
					+ " Chromium, which is not at " + Browser.CHROMIUM + ": install it first (sudo apt-get install chromium)");
		}
	}

	/** Gatling's charts as a picture for the Markdown report, by headless Chromium. */
	private static void screenshot(Path html, Path png) throws IOException, InterruptedException {
		Process chromium = new ProcessBuilder(Browser.CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
				"--window-size=1280,2600", "--virtual-time-budget=5000", "--screenshot=" + png.toAbsolutePath(),
				html.toUri().toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!chromium.waitFor(60, TimeUnit.SECONDS) || !Files.exists(png)) {
			chromium.destroyForcibly();
			throw new IllegalStateException("Chromium did not take a screenshot of " + html);
		}
	}

	private static Properties load(Path file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

}
