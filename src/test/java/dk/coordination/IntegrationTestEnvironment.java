package dk.coordination;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;
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

	/**
	 * A real SMTP server receiving the service's mail, shared by the test JVM like the
	 * database.
	 */
	protected static final GreenMail MAIL = startMail();

	private static GreenMail startMail() {
		GreenMail mail = new GreenMail(new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
		return mail;
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
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
