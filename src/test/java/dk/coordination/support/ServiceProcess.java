package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dk.coordination.CoordinationApplication;

/**
 * The service as an operating system process of its own, as it runs in production: for
 * the tests about what happens to a process (a SIGTERM, a second instance on the same
 * database, a database that dies under it). It runs {@link CoordinationApplication} from
 * this JVM's class path in the {@code dev} profile (the development keys), on 127.0.0.1
 * and a free port, trusting the shared {@link KeycloakServer}; its output goes to
 * {@code target/service-<name>-<port>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final int LOG_TAIL_LINES = 60;

	private final String name;

	private final int port;

	private final Process process;

	private final Path logFile;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ServiceProcess(String name, int port, Process process, Path logFile) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Starts an instance and waits until its readiness probe says UP.
	 * @param name a name for its log file
	 * @param database the database it uses, as the service role
	 * @param properties further Spring properties, e.g. a mail server
	 * @return the ready instance; the caller closes it
	 */
	public static ServiceProcess start(String name, EmbeddedDatabase database, Map<String, ?> properties) {
		int port = FreePorts.pick();
		Path logFile = Path.of("target").toAbsolutePath().resolve("service-" + name + "-" + port + ".log");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// the test JVM's own choices would not fit a second process on two cores
		command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
		command.addAll(List.of("-cp", classPath(), CoordinationApplication.class.getName()));
		command.add("--spring.profiles.active=dev");
		command.add("--server.address=127.0.0.1");
		command.add("--server.port=" + port);
		String issuer = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
		if (!properties.containsKey(issuer)) {
			// a property given twice on the command line would be both values,
			// comma-joined
			command.add("--" + issuer + "=" + KeycloakServer.shared().issuerUri());
		}
		database.applicationProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Process process;
		try {
			Files.createDirectories(logFile.getParent());
			// a directory of its own: the checkout's top level has db/migration, which
			// Flyway
			// would find a second time through a class path entry for the working
			// directory
			Path workingDirectory = Files.createDirectories(logFile.getParent().resolve("service-" + name));
			process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the service process " + name, ex);
		}
		ServiceProcess service = new ServiceProcess(name, port, process, logFile);
		try {
			service.awaitReady();
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
		return service;
	}

	/**
	 * This JVM's class path without empty entries, which would mean the working
	 * directory.
	 */
	private static String classPath() {
		return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
	}

	private void awaitReady() {
		HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		await("ready", STARTUP_TIMEOUT, () -> {
			if (!this.process.isAlive()) {
				throw failure("exited with code " + this.process.exitValue() + " before it was ready");
			}
			try {
				return this.http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure("interrupted while starting");
			}
		});
	}

	/**
	 * Polls a condition until it holds; fails with the instance's log when it does not in
	 * time.
	 * @param what what is waited for, for the failure
	 * @param timeout how long at most
	 * @param condition checked every 100 ms
	 */
	public void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw failure("was not " + what + " within " + timeout.toMillis() + " ms");
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure("interrupted while waiting until " + what);
			}
		}
	}

	/** Base URL, {@code http://127.0.0.1:<port>}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** A client for this instance with the shared Keycloak's tokens. */
	public Api api() {
		return new Api(baseUrl(), KeycloakServer.shared());
	}

	/** Everything the instance has written so far. */
	public String log() {
		try {
			return Files.readString(this.logFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.logFile, ex);
		}
	}

	/** Sends SIGTERM, as Kubernetes does to stop a pod. */
	public void terminate() {
		this.process.toHandle().destroy();
	}

	/**
	 * Waits for the process to end.
	 * @param timeout how long at most
	 * @return its exit code
	 * @throws IllegalStateException with the log's end when it has not ended in time
	 */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw failure("still running " + timeout.toSeconds() + " s after it was asked to stop",
						new TimeoutException());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("interrupted while waiting for the exit");
		}
	}

	public Optional<Integer> exitCode() {
		return this.process.isAlive() ? Optional.empty() : Optional.of(this.process.exitValue());
	}

	private IllegalStateException failure(String reason) {
		return failure(reason, null);
	}

	private IllegalStateException failure(String reason, Exception cause) {
		return new IllegalStateException("Service process " + this.name + " on port " + this.port + " " + reason
				+ ". Last " + LOG_TAIL_LINES + " lines of " + this.logFile + ":\n" + logTail(), cause);
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log not readable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops the instance: SIGTERM, and SIGKILL after 30 s. Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	@Override
	public String toString() {
		return "service " + this.name + " at " + baseUrl();
	}

}
