package dk.coordination;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.KeycloakServer;

/**
 * Base of the integration tests: one embedded PostgreSQL and one Keycloak per test JVM,
 * shared by every test class (and stopped when the JVM ends).
 */
@IntegrationTest
public abstract class IntegrationTestEnvironment {

	@LocalServerPort
	private int port;

	private Api api;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedDatabase.supplyShared(registry);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> KeycloakServer.shared().issuerUri());
	}

	protected Api api() {
		if (this.api == null) {
			this.api = new Api("http://127.0.0.1:" + this.port, KeycloakServer.shared());
		}
		return this.api;
	}

}
