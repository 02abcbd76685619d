package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Keycloak distribution started as a separate process in development mode
 * with the {@code coordination} realm imported, so tests and the local run check real
 * tokens against a real issuer instead of a hand-made JWT.
 * <p>
 * {@link #shared()} gives one instance per JVM on ports it picks itself, so it never
 * clashes with a Keycloak a developer keeps running on 8180.
 */
public final class KeycloakServer implements AutoCloseable {

	/** The realm every test and the application use. */
	public static final String REALM = "coordination";

	/** Public client with direct access grants enabled, see keycloak-realm.json. */
	public static final String CLIENT_ID = "coordination-dev";

	/** Password of all demo users in keycloak-realm.json. */
	public static final String DEMO_PASSWORD = "demo";

	private static final Logger logger = LoggerFactory.getLogger(KeycloakServer.class);

	/** Where the build unpacks the distribution (pom.xml, property keycloak.home). */
	public static final String DEFAULT_HOME = ".keycloak/keycloak-26.7.3";

	private static final String DEFAULT_REALM_FILE = "keycloak-realm.json";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final int LOG_TAIL_LINES = 40;

	private static KeycloakServer shared;

	private final Process process;

	private final int httpPort;

	private final int managementPort;

	private final Path logFile;

	private final HttpClient http;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile Duration startupTime;

	private KeycloakServer(Process process, int httpPort, int managementPort, Path logFile, HttpClient http) {
		this.process = process;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
		this.logFile = logFile;
		this.http = http;
	}

	/**
	 * Returns the Keycloak of this JVM, starting it on first use on free ports. The
	 * distribution comes from the system property {@code keycloak.home} (default
	 * {@value #DEFAULT_HOME}) and the realm from {@code keycloak.realm-file} (default
	 * {@value #DEFAULT_REALM_FILE}), both relative to the working directory. A shutdown
	 * hook stops it when the JVM ends.
	 * @return the running server
	 */
	public static synchronized KeycloakServer shared() {
		if (shared != null && !shared.closed.get()) {
			return shared;
		}
		Path home = Path.of(System.getProperty("keycloak.home", DEFAULT_HOME)).toAbsolutePath().normalize();
		Path realmFile = Path.of(System.getProperty("keycloak.realm-file", DEFAULT_REALM_FILE))
			.toAbsolutePath()
			.normalize();
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home
					+ " (bin/kc.sh is missing). Run ./mvnw generate-test-resources (or ./mvnw verify),"
					+ " which downloads and unpacks it, or point -Dkeycloak.home at an unpacked Keycloak 26.");
		}
		KeycloakServer server;
		try {
			server = startOnFreePorts(home, realmFile);
		}
		catch (PortTakenException ex) {
			// another process grabbed a picked port between picking and binding; new
			// ports make a second collision very unlikely
			logger.warn("Keycloak could not bind its ports, retrying on other ones: {}", ex.getMessage());
			server = startOnFreePorts(home, realmFile);
		}
		KeycloakServer started = server;
		Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keycloak-" + started.httpPort + "-stop"));
		shared = started;
		return started;
	}

	private static KeycloakServer startOnFreePorts(Path home, Path realmFile) {
		int[] ports = FreePorts.pick(2);
		return start(home, realmFile, ports[0], ports[1]);
	}

	/**
	 * Starts Keycloak from an unpacked distribution and waits until it reports ready.
	 * @param home the distribution directory (the one holding {@code bin/kc.sh})
	 * @param realmFile the realm export to import, realm {@value #REALM}
	 * @param httpPort the port for HTTP on 127.0.0.1, also part of the issuer
	 * @param managementPort the port for the health endpoints on 127.0.0.1
	 * @return the ready server; the caller closes it
	 * @throws IllegalStateException if it does not become ready within 240 s or exits
	 */
	public static KeycloakServer start(Path home, Path realmFile, int httpPort, int managementPort) {
		Path kcScript = home.resolve("bin/kc.sh");
		if (!Files.isRegularFile(kcScript)) {
			throw new IllegalStateException("No Keycloak distribution at " + home
					+ " (bin/kc.sh is missing). Run ./mvnw generate-test-resources (or ./mvnw verify),"
					+ " which unpacks it.");
		}
		if (!Files.isRegularFile(realmFile)) {
			throw new IllegalStateException("Realm file " + realmFile + " does not exist");
		}
		// a server already listening there would answer the readiness probe for us and
		// hide that ours never started
		for (int port : new int[] { httpPort, managementPort }) {
			if (!FreePorts.isFree(port)) {
				throw new PortTakenException("Port " + port + " on 127.0.0.1 is already in use");
			}
		}
		installRealm(realmFile, home);
		Path logFile = logFileFor(httpPort);
		List<String> command = List.of("/bin/sh", kcScript.toString(), "start-dev", "--http-host=127.0.0.1",
				"--http-port=" + httpPort, "--hostname=http://localhost:" + httpPort,
				"--http-management-port=" + managementPort, "--db=dev-mem", "--import-realm", "--health-enabled=true");
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		Map<String, String> environment = builder.environment();
		// the JVM running the tests is known to be new enough; whatever JAVA_HOME the
		// shell had may not be
		environment.put("JAVA_HOME", System.getProperty("java.home"));
		// options meant for the test JVM (agents, debug ports) must not leak into
		// Keycloak's
		environment.remove("JAVA_OPTS");
		environment.remove("JAVA_TOOL_OPTIONS");
		environment.remove("JDK_JAVA_OPTIONS");
		logger.info("Starting Keycloak from {} on http://localhost:{} (management {}), log {}", home, httpPort,
				managementPort, logFile);
		long startNanos = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + kcScript, ex);
		}
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		KeycloakServer server = new KeycloakServer(process, httpPort, managementPort, logFile, http);
		try {
			server.awaitReady(startNanos);
		}
		catch (RuntimeException | Error ex) {
			server.close();
			throw ex;
		}
		server.startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
		logger.info("Keycloak ready on {} after {} ms (pid {})", server.baseUrl(), server.startupTime.toMillis(),
				server.pid());
		return server;
	}

	private static void installRealm(Path realmFile, Path home) {
		// --import-realm only reads data/import/<realm>-realm.json
		Path target = home.resolve("data/import/" + REALM + "-realm.json");
		try {
			byte[] realm = Files.readAllBytes(realmFile);
			if (Files.isRegularFile(target) && Arrays.equals(realm, Files.readAllBytes(target))) {
				return;
			}
			Files.createDirectories(target.getParent());
			// a Keycloak already running from the same home may read the file at any
			// moment, so it
			// must never see it half written
			Path temporary = Files.createTempFile(target.getParent(), REALM, ".tmp");
			try {
				Files.write(temporary, realm);
				moveReplacing(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy " + realmFile + " to " + target, ex);
		}
	}

	private static void moveReplacing(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static Path logFileFor(int httpPort) {
		Path directory = Path.of("target").toAbsolutePath();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + directory, ex);
		}
		return directory.resolve("keycloak-" + httpPort + ".log");
	}

	private void awaitReady(long startNanos) {
		URI readiness = URI.create("http://127.0.0.1:" + this.managementPort + "/health/ready");
		HttpRequest probe = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
		long deadline = startNanos + STARTUP_TIMEOUT.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				String reason = "Keycloak exited with code " + this.process.exitValue() + " before it was ready";
				String tail = logTail();
				if (tail.contains("Address already in use") || tail.contains("seems to be in use")) {
					throw new PortTakenException(reason + "; log " + this.logFile + ":\n" + tail);
				}
				throw failure(reason);
			}
			if (isReady(probe)) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				throw failure("Keycloak was not ready within " + STARTUP_TIMEOUT.toSeconds() + " s");
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure("Interrupted while waiting for Keycloak");
			}
		}
	}

	private boolean isReady(HttpRequest probe) {
		try {
			return this.http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			// not listening yet
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private IllegalStateException failure(String reason) {
		return new IllegalStateException(
				reason + ". Last " + LOG_TAIL_LINES + " lines of " + this.logFile + ":\n" + logTail());
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
	 * Base URL as clients see it.
	 * @return {@code http://localhost:<port>}
	 */
	public String baseUrl() {
		return "http://localhost:" + this.httpPort;
	}

	/**
	 * Issuer of the tokens, for
	 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
	 * @return {@code http://localhost:<port>/realms/coordination}
	 */
	public String issuerUri() {
		return baseUrl() + "/realms/" + REALM;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int managementPort() {
		return this.managementPort;
	}

	/**
	 * Where Keycloak's console output goes, for reading after a failure.
	 * @return the log file under {@code target/}
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Time from launching the script until the readiness check passed.
	 * @return the startup time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Process id of the launched script; the Keycloak JVM is one of its descendants or,
	 * after a rebuild, the process itself.
	 * @return the process id
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Signs a demo user in with the password {@value #DEMO_PASSWORD}.
	 * @param username a user of the realm, such as {@code sekretariat} or {@code buf}
	 * @return the access token
	 */
	public String tokenFor(String username) {
		return tokenFor(username, DEMO_PASSWORD);
	}

	/**
	 * Signs a user in through the direct access grant of {@value #CLIENT_ID}.
	 * @param username the user
	 * @param password the password
	 * @return the access token (a JWT)
	 * @throws IllegalStateException with Keycloak's answer when it refuses
	 */
	public String tokenFor(String username, String password) {
		return tokenFor(username, password, CLIENT_ID);
	}

	/**
	 * Signs a user in through the direct access grant of another client of the realm,
	 * such as Keycloak's built-in {@code admin-cli}, whose tokens lack the service's
	 * audience.
	 * @param username the user
	 * @param password the password
	 * @param clientId a public client with direct access grants
	 * @return the access token (a JWT)
	 */
	public String tokenFor(String username, String password, String clientId) {
		return token(username,
				Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
	}

	/**
	 * A token of a confidential client's own service account (client credentials grant),
	 * such as the monitoring system's {@code coordination-metrics}.
	 * @param clientId the client
	 * @param secret its secret
	 * @return the access token (a JWT)
	 */
	public String serviceAccountToken(String clientId, String secret) {
		return token(clientId,
				Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
	}

	private String token(String username, Map<String, String> parameters) {
		if (this.closed.get()) {
			throw new IllegalStateException("Keycloak on port " + this.httpPort + " is closed");
		}
		String form = parameters.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		// straight to the loopback address Keycloak binds; the issuer in the token still
		// says localhost because --hostname fixes it
		URI tokenEndpoint = URI
			.create("http://127.0.0.1:" + this.httpPort + "/realms/" + REALM + "/protocol/openid-connect/token");
		HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Token request for " + username + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during the token request for " + username, ex);
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused a token for " + username + ": HTTP "
					+ response.statusCode() + " " + response.body());
		}
		JsonNode body = JsonMapper.shared().readTree(response.body());
		String token = body.path("access_token").asString(null);
		if (token == null || token.isEmpty()) {
			throw new IllegalStateException("Keycloak's token response has no access_token: " + response.body());
		}
		return token;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Stops Keycloak and every process it started: gracefully first, forcibly after 10 s.
	 * Calling it again does nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		// kc.sh runs Keycloak as a child (and execs a second JVM after a rebuild); the
		// list is taken before signalling because children of a dead parent drop out of
		// descendants()
		List<ProcessHandle> tree = new ArrayList<>(this.process.descendants().toList());
		tree.add(this.process.toHandle());
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		for (ProcessHandle handle : tree) {
			awaitExit(handle, deadline);
		}
		List<ProcessHandle> stubborn = tree.stream().filter(ProcessHandle::isAlive).toList();
		if (!stubborn.isEmpty()) {
			logger.warn("Keycloak processes {} did not stop within {} s, killing them",
					stubborn.stream().map(ProcessHandle::pid).toList(), STOP_TIMEOUT.toSeconds());
			stubborn.forEach(ProcessHandle::destroyForcibly);
			long killDeadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
			for (ProcessHandle handle : stubborn) {
				awaitExit(handle, killDeadline);
			}
		}
		logger.info("Keycloak on port {} stopped", this.httpPort);
	}

	private static void awaitExit(ProcessHandle handle, long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining <= 0 || !handle.isAlive()) {
			return;
		}
		try {
			handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// timed out: the caller escalates
		}
	}

	@Override
	public String toString() {
		return "KeycloakServer[" + baseUrl() + ", pid " + pid() + "]";
	}

	/** The chosen port was taken by someone else; a retry on other ports can succeed. */
	private static final class PortTakenException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		PortTakenException(String message) {
			super(message);
		}

	}

}
