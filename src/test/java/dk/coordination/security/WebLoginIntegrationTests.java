package dk.coordination.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' login over real HTTP against the real Keycloak: authorization code with
 * PKCE, a session in PostgreSQL, no token in the browser, CSRF on logout, a logout that
 * ends the Keycloak session too, and an API that stays stateless beside it.
 */
class WebLoginIntegrationTests extends IntegrationTestEnvironment {

	@Test
	void theStartPageSendsTheBrowserToKeycloakWithPkce() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/"))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(start.statusCode()).isEqualTo(302);
		String toAuthorization = start.headers().firstValue("Location").orElseThrow();
		assertThat(toAuthorization).endsWith("/oauth2/authorization/keycloak");
		HttpResponse<String> authorization = http.send(
				HttpRequest.newBuilder(URI.create(toAuthorization)).header("Cookie", cookieOf(start)).build(),
				HttpResponse.BodyHandlers.ofString());
		String toKeycloak = authorization.headers().firstValue("Location").orElseThrow();
		assertThat(toKeycloak).contains("/realms/coordination/protocol/openid-connect/auth?")
			.contains("client_id=coordination-web")
			.contains("code_challenge=")
			.contains("code_challenge_method=S256");

		// and Keycloak insists on it: the same request without the challenge is refused
		String withoutPkce = toKeycloak.replaceAll("&code_challenge(_method)?=[^&]*", "");
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(withoutPkce)).build(),
				HttpResponse.BodyHandlers.ofString());
		// (as OAuth asks, the error goes back to the client's redirect URI)
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request")
			.contains("code_challenge_method");
		assertThat(refused.body()).doesNotContain("kc-form-login");
	}

	@Test
	void aCaseworkerLogsInAndTheSessionLivesInTheDatabaseWithoutATokenInTheBrowser() {
		WebSession buf = web("buf");
		Page start = buf.get("/");
		assertThat(start.status()).isEqualTo(200);
		assertThat(start.html()).contains("<html lang=\"da\"").contains("buf").contains("KK-BUF");
		assertThat(start.title()).isEqualTo("Forside – Koordineringsenheden");
		// a JWT starts with the Base64 of '{"alg"'; none may reach the page
		assertThat(start.html()).doesNotContain("eyJ");
		String sessionId = buf.cookie("SESSION").orElseThrow();
		assertThat(sessionId).doesNotContain("eyJ");
		assertThat(jdbc().sql("select count(*) from spring_session where principal_name = 'buf'")
			.query(Long.class)
			.single()).isPositive();
		// the session's timing reaches the expiry warning
		assertThat(start.html()).contains("data-session-timeout=\"1800\"").contains("data-session-warning=\"120\"");
	}

	@Test
	void theApiIgnoresTheWebSessionAndStillAsksForABearerToken() throws Exception {
		WebSession buf = web("buf");
		HttpResponse<String> api = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/referrals?mine"))
				.header("Cookie", "SESSION=" + buf.cookie("SESSION").orElseThrow())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(api.body()).contains("A valid bearer token from the coordination realm is required.");
	}

	@Test
	void logoutNeedsTheCsrfTokenAndEndsTheKeycloakSessionToo() {
		WebSession buf = web("buf");
		Page refused = buf.submitWithoutToken("/logout", Map.of());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.html()).contains("Du har ikke adgang");
		assertThat(buf.get("/").status()).isEqualTo(200);

		Page loggedOut = buf.submit("/logout", Map.of());
		assertThat(loggedOut.status()).isEqualTo(200);
		assertThat(loggedOut.uri().getPath()).isEqualTo("/logget-ud");
		assertThat(loggedOut.html()).contains("Du er logget ud");
		// had only the service's session ended, Keycloak would log the user straight in
		// again; it shows its login form instead
		Page again = buf.get("/");
		assertThat(again.html()).contains("id=\"kc-form-login\"");
	}

	@Test
	void aWrongPasswordEndsOnKeycloaksFormAndOpensNothing() {
		WebSession stranger = anonymousWeb();
		Page failed = stranger.login("buf", "wrong");
		assertThat(failed.uri().getPort()).isNotEqualTo(port());
		assertThat(failed.html()).contains("id=\"kc-form-login\"");
		assertThat(stranger.cookie("SESSION")).isPresent();
		assertThat(stranger.get("/").html()).contains("id=\"kc-form-login\"");
	}

	@Test
	void assetsAreServedWithoutLoginAndAnUnknownPageIsADanish404() {
		WebSession stranger = anonymousWeb();
		Page css = stranger.get("/assets/dkfds/css/dkfds.min.css");
		assertThat(css.status()).isEqualTo(200);
		assertThat(css.contentType()).startsWith("text/css");
		Page missing = web("buf").get("/findes-ikke");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("text/html");
		assertThat(missing.html()).contains("Siden findes ikke");
	}

	@Test
	void theMenuOffersEachUserOnlyThePagesItsRolesOpen() {
		assertThat(menuOf("sekretariat")).containsExactly("/", "/sager", "/bekymringer/ny", "/bekymringer", "/moeder",
				"/statistik");
		assertThat(menuOf("buf")).containsExactly("/", "/sager", "/bekymringer/ny", "/bekymringer", "/moeder");
		assertThat(menuOf("auditor")).containsExactly("/", "/tilsyn");
		assertThat(menuOf("admin")).containsExactly("/", "/statistik", "/administration");
	}

	@Test
	void aPageOutsideTheUsersRolesIsRefusedWithADanishPage() {
		WebSession buf = web("buf");
		for (String path : List.of("/administration", "/tilsyn", "/statistik")) {
			Page refused = buf.get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.contentType()).as(path).startsWith("text/html");
		}
		assertThat(web("auditor").get("/moeder").status()).isEqualTo(403);
	}

	private List<String> menuOf(String username) {
		String html = web(username).get("/").html();
		String menu = html.substring(html.indexOf("<ul class=\"mainmenu\">"), html.indexOf("</nav>"));
		return Pattern.compile("<a href=\"([^\"]+)\" class=\"nav-link\"")
			.matcher(menu)
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	private static String cookieOf(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElse("");
	}

}
