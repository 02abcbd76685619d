package dk.coordination.performance.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a simulation needs of the running stack: where the API is, a real token from
 * Keycloak, the feeder files {@code PerformanceStack} wrote, and where to note the time
 * window of each load level (the report measures server-side throughput in it).
 */
final class Stack {

	/**
	 * The benchmark's caller: the secretariat of KBH, the largest unit, whose lists are
	 * read. The agenda is drafted by the secretariat of a typical unit,
	 * {@code agenda.user}.
	 */
	static final String USER = "sekretariat";

	final Path directory;

	final Properties properties = new Properties();

	private Stack(Path directory) {
		this.directory = directory;
		try (InputStream in = Files.newInputStream(directory.resolve("stack.properties"))) {
			this.properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No running performance stack in " + directory, ex);
		}
	}

	static Stack load() {
		return new Stack(Path.of(System.getProperty("performance.dir", "target/performance")));
	}

	String api() {
		return this.properties.getProperty("api");
	}

	/**
	 * Seconds each fixed-rate level lasts; {@code -Dperformance.level-seconds} overrides.
	 */
	static int levelSeconds() {
		return Integer.getInteger("performance.level-seconds", 30);
	}

	/**
	 * A token of the demo realm's password grant. Keycloak's access tokens live 15
	 * minutes, longer than any one simulation.
	 */
	String token() {
		return token(USER);
	}

	/** A token of another user of the benchmark realm (password {@code demo}). */
	String token(String username) {
		String form = "grant_type=password&client_id=coordination-dev&username="
				+ URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode("demo", StandardCharsets.UTF_8);
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.properties.getProperty("token.url")))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Keycloak refused a token: " + response.body());
			}
			return JsonMapper.shared().readTree(response.body()).get("access_token").asString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Lines of a feeder file the stack wrote. */
	List<String> lines(String name) {
		try {
			return Files.readAllLines(this.directory.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String property(String name) {
		String value = this.properties.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("stack.properties has no " + name);
		}
		return value;
	}

	/** Runs a diagnostic command in the service's JVM. */
	void jcmd(String... command) {
		java.util.List<String> line = new java.util.ArrayList<>(java.util.List
			.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), property("service.pid")));
		line.addAll(java.util.List.of(command));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (jcmd.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until the service has no statement running for three seconds in a row, so a
	 * simulation does not start on the backlog of the one before: a request Gatling gave
	 * up on after 60 s is still worked on by the service. Up to ten minutes.
	 */
	void awaitIdle() {
		long started = System.nanoTime();
		long deadline = started + TimeUnit.MINUTES.toNanos(10);
		int quiet = 0;
		try (Connection connection = DriverManager.getConnection(this.properties.getProperty("database.jdbc"),
				"postgres", "postgres");
				PreparedStatement busy = connection.prepareStatement(
						"select count(*) from pg_stat_activity where usename = 'coordination_app' and state <> 'idle'")) {
			while (quiet < 3 && System.nanoTime() < deadline) {
				try (ResultSet row = busy.executeQuery()) {
					row.next();
					quiet = (row.getLong(1) == 0) ? quiet + 1 : 0;
				}
				Thread.sleep(1000);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not ask the database whether the service is idle", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		System.out.printf("service idle after waiting %d s%n",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
	}

	/** Notes when a simulation began or ended, for the server-side throughput. */
	void mark(String simulation, String event) {
		try {
			Files.writeString(this.directory.resolve("windows.properties"),
					simulation + "." + event + "=" + Instant.now() + System.lineSeparator(), StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
