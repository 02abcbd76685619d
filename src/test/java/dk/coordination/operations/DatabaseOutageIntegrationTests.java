package dk.coordination.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import dk.coordination.casework.CaseStoryIntegrationTests;
import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.FreePorts;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.ServiceProcess;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL killed ({@code SIGKILL}, no shutdown) and started again under a write load,
 * with the service running on as its own process. Every write the service acknowledged is
 * there afterwards with its audit revision, nothing is half-written, every request during
 * the outage is answered 503 with {@code Retry-After} within 3 seconds, and the service
 * takes up writing again by itself.
 * <p>
 * {@code ./mvnw verify} runs 3 cycles; the long run of 20 is
 * {@code ./mvnw verify -Dit.test=DatabaseOutageIntegrationTests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfaults.cycles=20}
 * (README, "Faults"). The database runs with {@code synchronous_commit=on}, as in
 * production: an acknowledged commit is on disk, which is what this test holds the
 * service to.
 */
class DatabaseOutageIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageIntegrationTests.class);

	private static final int CYCLES = Integer.getInteger("faults.cycles", 3);

	private static final int WRITERS = 4;

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

	private static final Map<String, String> PRODUCTION_DURABILITY = Map.of("synchronous_commit", "on");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	@Test
	void acknowledgedWritesSurviveADatabaseKilledAgainAndAgain() throws Exception {
		Path directory = Path.of("target", "outage-postgres-" + UUID.randomUUID()).toAbsolutePath();
		int databasePort = FreePorts.pick();
		String marker = "Udfald " + UUID.randomUUID();
		EmbeddedDatabase database = EmbeddedDatabase.persistent(directory, databasePort, PRODUCTION_DURABILITY);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		List<String> jsonLog = new ArrayList<>();
		// the logs as production writes them (the image sets it): JSON lines
		try (ServiceProcess service = ServiceProcess.start("outage", database,
				Map.of("logging.structured.format.console", "ecs"))) {
			String token = KeycloakServer.shared().tokenFor("buf");
			for (int i = 0; i < WRITERS; i++) {
				writers.submit(() -> {
					while (writing.get()) {
						this.answers.add(write(service, token, marker));
					}
				});
			}
			for (int cycle = 1; cycle <= CYCLES; cycle++) {
				awaitAnswers(service, "writing again", 5, Answer::acknowledged);
				database.kill();
				// an outage long enough for every writer to meet it twice: requests that
				// find the pool empty and wait for it, not only those the kill cut off
				awaitAnswers(service, "answering the outage", 2 * WRITERS, Answer::unavailable);
				database = EmbeddedDatabase.persistent(directory, databasePort, PRODUCTION_DURABILITY);
				logger.info("Outage cycle {} of {}: {} answers so far", cycle, CYCLES, this.answers.size());
			}
			awaitAnswers(service, "writing after the last restart", 5, Answer::acknowledged);
			writing.set(false);
			writers.shutdown();
			assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			assertThat(service.exitCode()).as("the service kept running").isEmpty();
			jsonLog.addAll(service.log().lines().filter((line) -> line.startsWith("{")).toList());
		}
		finally {
			writing.set(false);
			writers.shutdownNow();
		}

		try {
			List<Answer> all = new ArrayList<>(this.answers);
			assertThat(all).as("answers other than 201 and 503")
				.filteredOn((answer) -> !answer.acknowledged() && !answer.unavailable())
				.isEmpty();
			List<Answer> unavailable = all.stream().filter(Answer::unavailable).toList();
			assertThat(unavailable).as("503s without Retry-After or problem details")
				.filteredOn((answer) -> answer.retryAfter().isEmpty() || !answer.problem())
				.isEmpty();
			assertThat(unavailable).as("503s that took longer than 3 s")
				.filteredOn((answer) -> answer.millis() > 3000)
				.isEmpty();

			// each refusal is logged as a JSON line with the id the client got as
			// X-Request-Id
			List<String> refusedIds = unavailable.stream().map(Answer::requestId).toList();
			assertThat(jsonLog).as("JSON log lines of the refusals, with their request ids")
				.map(JSON::readTree)
				.filteredOn((line) -> line.path("message").asString().startsWith("No database for uri=/api/referrals"))
				.extracting((line) -> line.path("requestId").asString())
				.isNotEmpty()
				.allMatch(refusedIds::contains);

			JdbcTemplate jdbc = new JdbcTemplate(database.ownerDataSource());
			List<String> acknowledged = all.stream().filter(Answer::acknowledged).map(Answer::referralId).toList();
			List<String> stored = jdbc.queryForList("select id::text from referral where concern like ?", String.class,
					marker + "%");
			assertThat(stored).as("acknowledged referrals still stored").containsAll(acknowledged);
			// a commit whose answer the outage cut off may be there without its 201, but
			// whatever is there is whole: its case and the revisions of both
			assertThat(jdbc.queryForList("""
					select r.id::text from referral r
					where r.concern like ?
					  and (not exists (select 1 from concern_case c where c.id = r.case_id)
					       or not exists (select 1 from referral_aud ra where ra.id = r.id)
					       or not exists (select 1 from concern_case_aud ca where ca.id = r.case_id))
					""", String.class, marker + "%")).as("referrals stored without their case or revisions").isEmpty();
			logger.info(
					"{} outage cycles: {} answers, {} acknowledged, {} answered 503 (the slowest in {} ms), {} stored",
					CYCLES, all.size(), acknowledged.size(), unavailable.size(),
					unavailable.stream().mapToLong(Answer::millis).max().orElse(0), stored.size());
		}
		finally {
			database.close();
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private Answer write(ServiceProcess service, String token, String marker) {
		Map<String, Object> referral = new LinkedHashMap<>(CaseStoryIntegrationTests.referral(FakeCpr.next(), "OTHER"));
		referral.put("concern", marker + " " + UUID.randomUUID());
		HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/referrals"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(Api.json(referral)))
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			String referralId = (response.statusCode() == 201)
					? JSON.readTree(response.body()).path("referralId").asString() : null;
			return new Answer(response.statusCode(), millis, response.headers().firstValue("Retry-After"),
					response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
					referralId, response.headers().firstValue("X-Request-Id").orElse(null), response.body());
		}
		catch (IOException ex) {
			return new Answer(-1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Optional.empty(), false,
					null, null, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, 0, Optional.empty(), false, null, null, "interrupted");
		}
	}

	/** Waits until {@code count} more answers of a kind have come than there were. */
	private void awaitAnswers(ServiceProcess service, String what, int count, Predicate<Answer> kind) {
		long before = this.answers.stream().filter(kind).count();
		service.await(what, RECOVERY_TIMEOUT, () -> this.answers.stream().filter(kind).count() >= before + count);
	}

	record Answer(int status, long millis, Optional<String> retryAfter, boolean problem, String referralId,
			String requestId, String body) {

		boolean acknowledged() {
			return this.status == 201;
		}

		boolean unavailable() {
			return this.status == 503;
		}

	}

}
