package dk.coordination.operations;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.ServiceProcess;
import dk.coordination.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak out of reach of the service while it runs: the service's way to Keycloak's key
 * set goes through a relay that is made to hang, while Keycloak itself goes on issuing
 * tokens (to the test, as it did before the outage to its users). Tokens signed with the
 * keys the service has keep working after its key cache ran out, and a key set fetch that
 * hangs does not hold a request up for longer than the fetch's timeout.
 */
class KeycloakOutageIntegrationTests {

	/** The development secret of client coordination-metrics in keycloak-realm.json. */
	private static final String METRICS_SECRET = "coordination-metrics-development-only";

	@Test
	void tokensSignedWithKnownKeysKeepWorkingWhileKeycloakCannotBeReached() {
		KeycloakServer keycloak = KeycloakServer.shared();
		try (TcpProxy toKeycloak = new TcpProxy(keycloak.httpPort());
				ServiceProcess service = ServiceProcess.start("keycloak-outage", EmbeddedDatabase.shared(),
						Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
								"http://127.0.0.1:" + toKeycloak.port() + "/realms/" + KeycloakServer.REALM
										+ "/protocol/openid-connect/certs",
								// so that the outage outlasts the cache within the test
								"coordination.token-keys.cache-time-to-live", "3s"))) {
			Api api = service.api();
			assertThat(scrape(api, keycloak).status()).isEqualTo(200);
			assertThat(toKeycloak.relayed()).as("key set fetched through the relay").isPositive();

			toKeycloak.stall();
			// every request has a token the service has not seen, so each needs the keys;
			// once the cache has run out the service tries Keycloak, which hangs
			service.await("trying Keycloak again", Duration.ofSeconds(30), () -> {
				long start = System.nanoTime();
				Api.Response answer = scrape(api, keycloak);
				long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
				assertThat(millis).as("answered within the key set fetch's timeout, ms").isLessThan(3500);
				return toKeycloak.held() > 0;
			});
			Api.Response afterTheFailedFetch = scrape(api, keycloak);

			assertThat(afterTheFailedFetch.status()).as(afterTheFailedFetch.toString()).isEqualTo(200);
			assertThat(service.log()).doesNotContain("Unexpected error");
		}
	}

	/** The metrics with a new token of the monitoring account. */
	private static Api.Response scrape(Api api, KeycloakServer keycloak) {
		return api.withToken(keycloak.serviceAccountToken("coordination-metrics", METRICS_SECRET))
			.header("Accept", "text/plain;version=0.0.4")
			.get("/actuator/prometheus");
	}

}
