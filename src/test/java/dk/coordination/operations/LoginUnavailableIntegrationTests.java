package dk.coordination.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;
import dk.coordination.support.ServiceProcess;
import dk.coordination.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login while Keycloak cannot be reached: the service says so on a page of its own
 * instead of sending the browser to an address it cannot open. The instance's issuer is a
 * port where nothing listens, as a Keycloak that is down.
 */
class LoginUnavailableIntegrationTests {

	@Test
	void aLoginWhileKeycloakIsDownEndsOnAPageThatSaysSo() {
		String deadIssuer = "http://127.0.0.1:" + FreePorts.pick() + "/realms/coordination";
		try (ServiceProcess service = ServiceProcess.start("login-unavailable", EmbeddedDatabase.shared(),
				Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", deadIssuer))) {
			WebSession browser = WebSession.anonymous(service.port());

			WebSession.Page page = browser.get("/sager");

			assertThat(page.status()).isEqualTo(503);
			assertThat(page.uri().getPath()).isEqualTo("/login-utilgaengelig");
			assertThat(page.html()).contains("Log ind er ikke muligt lige nu",
					"Systemet kan ikke få forbindelse til login-tjenesten (Keycloak)");
			assertThat(browser.visited()).as("never sent to the dead Keycloak")
				.noneMatch((uri) -> uri.toString().startsWith(deadIssuer));
		}
	}

}
