package dk.coordination.web.internal;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that cannot be checked because Keycloak's signing keys cannot be fetched (what
 * KeycloakOutageIntegrationTests provokes once the keys kept for an outage are used up)
 * reaches the error page as Spring Security's AuthenticationServiceException: a 503 to
 * retry, not a 500.
 */
class TokensUncheckableTests {

	@Test
	void aTokenThatCannotBeCheckedIsServiceUnavailable() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/cases");
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new AuthenticationServiceException(
				"An error occurred while attempting to decode the Jwt", new JwtException("Read timed out")));

		ResponseEntity<?> answer = (ResponseEntity<?>) new ProblemErrorController().error(request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(((ProblemDetail) answer.getBody()).getDetail())
			.isEqualTo("The service cannot check your token right now: it cannot reach the login service (Keycloak)"
					+ " for its signing keys. Try again in a few seconds.");
	}

	@Test
	void otherServerErrorsStayInternalErrors() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/cases");
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("a bug"));

		ResponseEntity<?> answer = (ResponseEntity<?>) new ProblemErrorController().error(request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}

}
