package dk.coordination.security.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a browser is sent to Keycloak to log in, checks that Keycloak answers, and if it
 * does not, sends the browser to a page of the service that says so ({@value #PAGE})
 * instead of to an address the browser cannot open, which would leave the user with the
 * browser's own error. The check asks the realm's discovery document, with a short
 * timeout, and its answer is kept a few seconds so a crowd logging in at once asks once.
 * Users already logged in are not affected: their sessions need no Keycloak.
 */
final class LoginAvailability extends OncePerRequestFilter {

	static final String PAGE = "/login-utilgaengelig";

	private static final Logger log = LoggerFactory.getLogger(LoginAvailability.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration KEEP = Duration.ofSeconds(5);

	private final String loginPath;

	private final URI discovery;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	/** System.nanoTime() of the last check; not the service's clock, which tests move. */
	private volatile long checkedAt;

	private volatile boolean checked;

	private volatile boolean available;

	LoginAvailability(String loginPath, String issuer) {
		this.loginPath = loginPath;
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		this.discovery = URI.create(base + "/.well-known/openid-configuration");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().equals(request.getContextPath() + this.loginPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (available()) {
			chain.doFilter(request, response);
			return;
		}
		response.sendRedirect(request.getContextPath() + PAGE);
	}

	boolean available() {
		long now = System.nanoTime();
		if (this.checked && now - this.checkedAt < KEEP.toNanos()) {
			return this.available;
		}
		boolean answered = probe();
		this.available = answered;
		this.checkedAt = now;
		this.checked = true;
		return answered;
	}

	private boolean probe() {
		HttpRequest request = HttpRequest.newBuilder(this.discovery).timeout(TIMEOUT).GET().build();
		try {
			int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 200) {
				log.warn("Keycloak answered {} for {}: logins are sent to {}", status, this.discovery, PAGE);
			}
			return status == 200;
		}
		catch (IOException ex) {
			log.warn("Keycloak cannot be reached at {} ({}): logins are sent to {}", this.discovery, ex.toString(),
					PAGE);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
