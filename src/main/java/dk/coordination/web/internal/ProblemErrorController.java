package dk.coordination.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), in place of Boot's, which answers
 * JSON of its own shape or an HTML page. Errors arrive here when something outside Spring
 * MVC sent one (a filter, Tomcat, the pages' security); a browser asking for a page gets
 * the Danish error page, everything else a problem document. The cause is logged where it
 * happened and not told to the client. Asked for directly, there is nothing here.
 */
@RestController
class ProblemErrorController implements ErrorController {

	static final String TOKENS_UNCHECKABLE = "The service cannot check your token right now: it cannot reach the"
			+ " login service (Keycloak) for its signing keys. Try again in a few seconds.";

	@RequestMapping("${server.error.path:/error}")
	Object error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer number && number >= 400) ? number : HttpStatus.NOT_FOUND.value();
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String text) ? text.substring(request.getContextPath().length()) : "";
		if (PageErrorResolver.isPageRequest(path, request)) {
			return PageErrorResolver.errorPage(HttpStatus.resolve(status) != null ? status : 500);
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof AuthenticationServiceException) {
			// the token could not be checked at all, as when Keycloak's key set cannot be
			// fetched: not the client's fault, nor a bug, and it passes
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					TOKENS_UNCHECKABLE);
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemDetailsAdvice.RETRY_AFTER_SECONDS))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
				ProblemJson.detailFor(status));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
