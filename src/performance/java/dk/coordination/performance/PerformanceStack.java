package dk.coordination.performance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;
import dk.coordination.support.KeycloakServer;

/**
 * What the benchmarks run against: PostgreSQL on the million-case data set, Keycloak with
 * {@code keycloak-realm.json}, and the packaged jar started the way production starts it
 * ({@link #PRODUCTION_JVM_FLAGS}, configuration from the environment only, no dev
 * profile). On the way it measures what issue 11 asks of start-up: time to ready and
 * resident memory when idle, plain and as production starts it (Spring AOT and the JDK's
 * AOT cache, whose training run it does itself). When everything is ready it writes
 * {@code stack.properties} into the output directory (where to reach what, the
 * measurements) and waits until it is stopped; its shutdown hook stops the service, then
 * Keycloak, then PostgreSQL.
 * <p>
 * {@code PerformanceStack <data-dir> <jar> <output-dir>} starts it;
 * {@code PerformanceStack --await <output-dir>} waits for {@code stack.properties}.
 */
public final class PerformanceStack {

	/**
	 * The flags the service runs with in production (and in the image of issue 12): a
	 * bounded heap that starts small, and an exit on running out of memory so the
	 * platform restarts it instead of it limping on. The serial collector, because on two
	 * cores G1's concurrent threads compete with the requests and its remembered sets and
	 * card tables cost 40 MB of a small heap; compact object headers (JDK 25) make every
	 * object 4 bytes smaller. Measured on the idle service: 412 MB resident with G1 and
	 * -Xms128m, 398 MB with G1 and these, 357-371 MB with these (docs/performance.md).
	 */
	static final List<String> PRODUCTION_JVM_FLAGS = List.of("-Xms64m", "-Xmx768m", "-XX:+UseSerialGC",
			"-XX:+UseCompactObjectHeaders", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * The environment the JVM runs in, beside the flags: glibc's malloc keeps an arena
	 * per thread that allocated, each holding freed memory; two are enough for the JVM's
	 * own native allocations.
	 */
	static final Map<String, String> PRODUCTION_JVM_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

	/**
	 * Runs the jar on the bean definitions Spring AOT wrote at build time (the production
	 * and performance profiles build it so) instead of working them out at every start;
	 * with the JDK's AOT cache it more than halves the start (docs/performance.md).
	 */
	static final String SPRING_AOT = "-Dspring.aot.enabled=true";

	static final String STACK_FILE = "stack.properties";

	/** The benchmark realm's secretariat of the agenda's unit (see benchmarkRealm). */
	static final String AGENDA_USER = "sekretariat-agenda";

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(30);

	private static final Duration IDLE_BEFORE_RSS = Duration.ofSeconds(10);

	private static final Pattern STARTED = Pattern
		.compile("Started CoordinationApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final Logger log = LoggerFactory.getLogger(PerformanceStack.class);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path dataDirectory;

	private final Path jar;

	private final Path output;

	private final Map<String, String> measured = new LinkedHashMap<>();

	private EmbeddedDatabase database;

	private KeycloakServer keycloak;

	private Process service;

	private PerformanceStack(Path dataDirectory, Path jar, Path output) {
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.jar = jar.toAbsolutePath();
		this.output = output.toAbsolutePath();
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("--await")) {
			await(Path.of(args[1]));
			return;
		}
		if (args.length != 3) {
			throw new IllegalArgumentException("usage: PerformanceStack <data-dir> <jar> <output-dir>"
					+ " | PerformanceStack --await <output-dir>");
		}
		PerformanceStack stack = new PerformanceStack(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "performance-stack-stop"));
		stack.start();
		// until Maven (or Ctrl-C) ends this process
		Thread.currentThread().join();
	}

	/**
	 * Waits until the stack in the background wrote its file; fails at once if it died.
	 */
	private static void await(Path output) throws InterruptedException, IOException {
		Path ready = output.resolve(STACK_FILE);
		Path failed = output.resolve("stack.failed");
		// the stack starts in the background just before this; what an earlier run left
		// is older
		long since = System.currentTimeMillis() - 5_000;
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos() * 2;
		while (!written(ready, since)) {
			if (written(failed, since)) {
				throw new IllegalStateException("The performance stack failed: " + Files.readString(failed));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The performance stack was not ready within an hour");
			}
			TimeUnit.SECONDS.sleep(1);
		}
		log.info("Performance stack ready: {}", Files.readString(ready));
	}

	/**
	 * The demo realm with one user more, {@value #AGENDA_USER}: the secretariat of the
	 * unit the agenda is benchmarked on, a copy of the demo {@code sekretariat} with that
	 * unit's organisation. Only the benchmark's own Keycloak imports it;
	 * keycloak-realm.json stays as it is.
	 */
	private Path benchmarkRealm(Path realmFile, String organisation) throws IOException {
		JsonMapper json = JsonMapper.shared();
		ObjectNode realm = (ObjectNode) json.readTree(realmFile.toFile());
		ArrayNode users = (ArrayNode) realm.get("users");
		ObjectNode secretariat = null;
		for (JsonNode user : users) {
			if ("sekretariat".equals(user.get("username").asString())) {
				secretariat = ((ObjectNode) user).deepCopy();
			}
		}
		if (secretariat == null) {
			throw new IllegalStateException(realmFile + " has no user sekretariat to copy");
		}
		secretariat.put("username", AGENDA_USER);
		secretariat.put("email", AGENDA_USER + "@example.invalid");
		((ObjectNode) secretariat.get("attributes")).putArray("organisation").add(organisation);
		users.add(secretariat);
		Path written = this.output.resolve("benchmark-realm.json");
		json.writeValue(written.toFile(), realm);
		return written;
	}

	private static boolean written(Path file, long since) throws IOException {
		return Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= since;
	}

	private void start() throws Exception {
		Files.createDirectories(this.output);
		Files.deleteIfExists(this.output.resolve(STACK_FILE));
		Files.deleteIfExists(this.output.resolve("stack.failed"));
		Files.deleteIfExists(this.output.resolve("windows.properties"));
		try {
			PerformanceReport.requireChromium();
			PerformanceKeys keys = PerformanceKeys.loadOrCreate(this.dataDirectory.resolve("keys.properties"));
			this.database = EmbeddedDatabase.persistent(this.dataDirectory.resolve("postgres"), FreePorts.pick());
			DataSet.ensure(this.database, keys, this.measured);
			this.measured.putAll(Feeders.write(superuser(), this.output));
			this.measured.put("agenda.user", AGENDA_USER);
			this.keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.home")),
					benchmarkRealm(Path.of(System.getProperty("keycloak.realm-file")),
							this.measured.get("agenda.organisation")),
					FreePorts.pick(), FreePorts.pick());
			Path application = extract();
			Map<String, String> environment = environment(keys);
			int port = FreePorts.pick();

			boolean chainEmpty = superuser().queryForObject("select count(*) = 0 from audit_seal", Boolean.class);
			if (chainEmpty) {
				// the first start on a new data set seals its whole history (GENESIS):
				// timed on its own, so the start-up figures below are of an ordinary
				// start
				Run genesis = run(application, environment, port, List.of());
				genesis.stop();
				this.measured.put("start.genesis.ready.seconds", seconds(genesis.ready));
				this.measured.put("chain.genesis.seals",
						String.valueOf(superuser().queryForObject("select count(*) from audit_seal", Long.class)));
			}
			// what autovacuum would long have done in a service that has run for years:
			// without it the first simulation competes with vacuuming the millions of
			// rows the generator and the genesis wrote
			Instant vacuum = Instant.now();
			superuser().execute("vacuum (analyze)");
			this.measured.put("database.vacuum.seconds", seconds(Duration.between(vacuum, Instant.now())));
			Run plain = run(application, environment, port, List.of());
			plain.measureIdle();
			plain.stop();
			this.measured.put("start.plain.ready.seconds", seconds(plain.ready));
			this.measured.put("start.plain.jvm.seconds", plain.jvmSeconds);
			this.measured.put("start.plain.rss.idle.mb", String.valueOf(plain.rssMb));
			this.measured.put("start.plain.rss.anon.idle.mb", String.valueOf(plain.anonymousRssMb));

			Path cache = this.output.resolve("application/app.aot");
			Instant training = Instant.now();
			Process train = launch(application, environment, port,
					List.of(SPRING_AOT, "-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"),
					"aot-training.log");
			if (!train.waitFor(10, TimeUnit.MINUTES) || !Files.exists(cache)) {
				throw new IllegalStateException("The AOT cache training run did not write " + cache + "; see "
						+ this.output.resolve("aot-training.log"));
			}
			this.measured.put("aot.training.seconds", seconds(Duration.between(training, Instant.now())));
			this.measured.put("aot.cache.mb", String.valueOf(Files.size(cache) / (1024 * 1024)));

			// as production runs it: Spring AOT and the cache trained on it
			Run cached = run(application, environment, port, List.of(SPRING_AOT, "-XX:AOTCache=" + cache));
			cached.measureIdle();
			this.measured.put("start.aot.ready.seconds", seconds(cached.ready));
			this.measured.put("start.aot.jvm.seconds", cached.jvmSeconds);
			this.measured.put("start.aot.rss.idle.mb", String.valueOf(cached.rssMb));
			this.measured.put("start.aot.rss.anon.idle.mb", String.valueOf(cached.anonymousRssMb));
			this.service = cached.process;

			Properties stack = new Properties();
			stack.putAll(this.measured);
			stack.put("api", "http://127.0.0.1:" + port + "/api");
			stack.put("service.pid", String.valueOf(cached.process.pid()));
			stack.put("token.url", "http://127.0.0.1:" + this.keycloak.httpPort() + "/realms/" + KeycloakServer.REALM
					+ "/protocol/openid-connect/token");
			stack.put("database.port", String.valueOf(this.database.port()));
			stack.put("database.name", EmbeddedDatabase.DATABASE);
			stack.put("database.jdbc", this.database.jdbcUrl());
			stack.put("jvm.flags", String.join(" ", PRODUCTION_JVM_FLAGS) + " " + SPRING_AOT);
			stack.put("jvm.version", Runtime.version().toString());
			stack.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
			// written last and in one move: --await takes its existence for "ready"
			Path partial = this.output.resolve(STACK_FILE + ".tmp");
			try (OutputStream out = Files.newOutputStream(partial)) {
				stack.store(out, "written by PerformanceStack");
			}
			Files.move(partial, this.output.resolve(STACK_FILE));
			log.info("Performance stack ready: service on port {}, measured {}", port, this.measured);
		}
		catch (Exception | Error ex) {
			Files.writeString(this.output.resolve("stack.failed"), String.valueOf(ex));
			throw ex;
		}
	}

	private JdbcTemplate superuser() {
		return this.database.superuserJdbc();
	}

	/**
	 * The jar unpacked the way Spring Boot recommends for the AOT cache: the cache only
	 * works with plain jars on the class path, not with the nested jars of the fat jar.
	 */
	private Path extract() throws IOException, InterruptedException {
		Path destination = this.output.resolve("application");
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract",
				"--force", "--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.output.resolve("extract.log").toFile())
			.start();
		if (extract.waitFor() != 0) {
			throw new IllegalStateException(
					"Extracting " + this.jar + " failed; see " + this.output.resolve("extract.log"));
		}
		return destination.resolve(this.jar.getFileName());
	}

	/**
	 * Production configuration: everything from the environment, as README's table says.
	 */
	private Map<String, String> environment(PerformanceKeys keys) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_DATASOURCE_URL", this.database.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.SERVICE_ROLE);
		environment.put("SPRING_DATASOURCE_PASSWORD", EmbeddedDatabase.SERVICE_ROLE);
		environment.put("SPRING_FLYWAY_USER", EmbeddedDatabase.OWNER_ROLE);
		environment.put("SPRING_FLYWAY_PASSWORD", EmbeddedDatabase.OWNER_ROLE);
		environment.put("COORDINATION_ISSUER_URI", this.keycloak.issuerUri());
		environment.put("COORDINATION_WEB_CLIENT_SECRET", keys.webClientSecret());
		environment.put("COORDINATION_AUDIT_CHAIN_KEY", keys.chainKey());
		environment.put("COORDINATION_CPR_ENCRYPTION_KEY", keys.cprEncryptionKey());
		environment.put("COORDINATION_CPR_HASH_KEY", keys.cprHashKey());
		environment.put("SERVER_ADDRESS", "127.0.0.1");
		return environment;
	}

	private Process launch(Path application, Map<String, String> environment, int port, List<String> extraFlags,
			String logName) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(PRODUCTION_JVM_FLAGS);
		command.addAll(extraFlags);
		command.addAll(List.of("-jar", application.getFileName().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(application.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.output.resolve(logName).toFile());
		builder.environment().putAll(PRODUCTION_JVM_ENVIRONMENT);
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		log.info("Starting {}", String.join(" ", command));
		return builder.start();
	}

	private Run run(Path application, Map<String, String> environment, int port, List<String> extraFlags)
			throws IOException, InterruptedException {
		String logName = "service-" + (extraFlags.isEmpty() ? "plain" : "aot") + ".log";
		Instant started = Instant.now();
		Process process = launch(application, environment, port, extraFlags, logName);
		Run run = new Run(process, this.output.resolve(logName));
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!ready(readiness)) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"The service exited with " + process.exitValue() + " before it was" + " ready; see " + run.log);
			}
			if (System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("The service was not ready within " + READY_TIMEOUT);
			}
			TimeUnit.MILLISECONDS.sleep(50);
		}
		run.ready = Duration.between(started, Instant.now());
		Matcher matcher = STARTED.matcher(Files.readString(run.log));
		run.jvmSeconds = matcher.find() ? matcher.group(2) : "?";
		log.info("Service ready after {} s ({})", seconds(run.ready), extraFlags);
		return run;
	}

	private static boolean ready(URI readiness) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
	}

	/** Resident set size of a process, from {@code /proc}: what the machine gives it. */
	static long rssMegabytes(long pid) {
		return statusMegabytes(pid, "VmRSS:");
	}

	/**
	 * The part of the resident set that is the process's own (heap, metaspace, stacks,
	 * malloc): without the mapped files (the jars, the AOT cache), whose pages the kernel
	 * can drop and read again and which instances on one node share.
	 */
	static long anonymousRssMegabytes(long pid) {
		return statusMegabytes(pid, "RssAnon:");
	}

	private static long statusMegabytes(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("No " + field + " for process " + pid);
	}

	private synchronized void stop() {
		if (this.service != null) {
			stopProcess(this.service);
		}
		if (this.keycloak != null) {
			this.keycloak.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	static void stopProcess(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private static final class Run {

		final Process process;

		final Path log;

		Duration ready;

		String jvmSeconds;

		long rssMb;

		long anonymousRssMb;

		Run(Process process, Path log) {
			this.process = process;
			this.log = log;
		}

		/** Resident memory once start-up's work has settled, before any load. */
		void measureIdle() throws InterruptedException {
			TimeUnit.MILLISECONDS.sleep(IDLE_BEFORE_RSS.toMillis());
			this.rssMb = rssMegabytes(this.process.pid());
			this.anonymousRssMb = anonymousRssMegabytes(this.process.pid());
		}

		void stop() {
			stopProcess(this.process);
		}

	}

	/**
	 * The production secrets of the benchmark's installation, made once per data set: the
	 * CPR keys must be those the data set was encrypted with, and the development keys
	 * are refused outside the dev profile.
	 */
	record PerformanceKeys(String chainKey, String cprEncryptionKey, String cprHashKey, String webClientSecret) {

		static PerformanceKeys loadOrCreate(Path file) throws IOException {
			Properties properties = new Properties();
			if (Files.exists(file)) {
				try (InputStream in = Files.newInputStream(file)) {
					properties.load(in);
				}
			}
			else {
				SecureRandom random = new SecureRandom();
				for (String name : List.of("chain-key", "cpr-encryption-key", "cpr-hash-key", "web-client-secret")) {
					byte[] key = new byte[32];
					random.nextBytes(key);
					properties.setProperty(name, Base64.getEncoder().encodeToString(key));
				}
				Files.createDirectories(file.getParent());
				try (OutputStream out = Files.newOutputStream(file)) {
					properties.store(out, "keys of the benchmark data set (fictional data only)");
				}
			}
			return new PerformanceKeys(properties.getProperty("chain-key"),
					properties.getProperty("cpr-encryption-key"), properties.getProperty("cpr-hash-key"),
					properties.getProperty("web-client-secret"));
		}

	}

}
