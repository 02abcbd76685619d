package dk.coordination.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.coordination.casework.CaseStoryIntegrationTests;
import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Kubernetes does to a pod it stops, done to the service's own process: SIGTERM
 * while a request is in progress. The instance stops taking connections, finishes the
 * request, commits it, and ends by itself well within the pod's grace period.
 */
class GracefulShutdownIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aSigtermLetsTheRequestInProgressFinishAndThenStops() throws Exception {
		EmbeddedDatabase database = EmbeddedDatabase.shared();
		JdbcTemplate jdbc = new JdbcTemplate(database.ownerDataSource());
		String key = UUID.randomUUID().toString();
		Map<String, Object> referral = new LinkedHashMap<>(CaseStoryIntegrationTests.referral(FakeCpr.next(), "OTHER"));
		String concern = "Fiktiv bekymring " + UUID.randomUUID();
		referral.put("concern", concern);
		String token = KeycloakServer.shared().tokenFor("buf");

		try (ServiceProcess service = ServiceProcess.start("sigterm", database, Map.of());
				Connection lockHolder = database.ownerDataSource().getConnection()) {
			// the request's own advisory lock on its Idempotency-Key, held here, keeps it
			// waiting inside its transaction: a request that is certainly in progress
			advisoryLock(lockHolder, "pg_advisory_lock", key);
			CompletableFuture<HttpResponse<String>> inProgress = this.http
				.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/referrals"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", key)
					.POST(HttpRequest.BodyPublishers.ofString(Api.json(referral)))
					.build(), HttpResponse.BodyHandlers.ofString());
			service.await("waiting on the lock", Duration.ofSeconds(20),
					() -> jdbc.queryForObject(
							"select count(*) from pg_locks where locktype = 'advisory' and not granted",
							Integer.class) > 0);

			service.terminate();
			service.await("draining", Duration.ofSeconds(20),
					() -> service.log().contains("Commencing graceful shutdown"));

			// no new request is taken while it drains
			HttpRequest probe = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			assertThatThrownBy(() -> this.http.send(probe, HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(IOException.class);
			assertThat(inProgress).isNotDone();

			advisoryLock(lockHolder, "pg_advisory_unlock", key);
			HttpResponse<String> answer = inProgress.get(30, TimeUnit.SECONDS);

			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
			// 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal
			assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
			assertThat(service.log()).contains("Graceful shutdown complete").doesNotContain(" ERROR ");
		}
		assertThat(jdbc.queryForObject("select count(*) from referral where concern = ?", Integer.class, concern))
			.as("the drained request's referral, committed")
			.isEqualTo(1);
	}

	private static void advisoryLock(Connection connection, String function, String key) throws Exception {
		try (PreparedStatement statement = connection
			.prepareStatement("select " + function + "(hashtextextended(? || ' ' || ? || ' ' || ?, 0))")) {
			statement.setString(1, "buf");
			statement.setString(2, "POST /api/referrals");
			statement.setString(3, key);
			statement.execute();
		}
	}

}
