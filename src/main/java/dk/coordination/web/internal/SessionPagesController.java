package dk.coordination.web.internal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import dk.coordination.web.PageController;

/**
 * The pages around a session: the page after logging out (or after the session ran out),
 * and the request the expiry warning sends to keep a session alive.
 */
@PageController
class SessionPagesController {

	@GetMapping("/logget-ud")
	String loggedOut() {
		return "web/logget-ud";
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
