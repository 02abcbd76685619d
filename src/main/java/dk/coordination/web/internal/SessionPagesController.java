package dk.coordination.web.internal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import dk.coordination.web.PageController;

/**
 * The pages around a session: the page after logging out (or after the session ran out),
 * the page when logging in is not possible, and the request the expiry warning sends to
 * keep a session alive.
 */
@PageController
class SessionPagesController {

	@GetMapping("/logget-ud")
	String loggedOut() {
		return "web/logget-ud";
	}

	/**
	 * Where a login is sent while Keycloak cannot be reached (the security module checks
	 * before it sends the browser there): 503, to try again shortly.
	 */
	@GetMapping("/login-utilgaengelig")
	String loginUnavailable(HttpServletResponse response) {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "30");
		return "web/login-utilgaengelig";
	}

	/**
	 * Any request renews the session; this one does nothing else. POST, so it carries the
	 * CSRF token like every other change.
	 */
	@PostMapping("/session/forny")
	ResponseEntity<Void> renew() {
		return ResponseEntity.noContent().build();
	}

}
