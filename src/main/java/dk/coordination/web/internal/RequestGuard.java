package dk.coordination.web.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before Spring MVC sees it, a request whose query parameters are not text or
 * whose Accept is malformed, with 400, and one whose Content-Type is a pattern
 * ({@code application/*}, {@code *}{@code /*}) or no media type at all, with 415. A
 * Content-Type names what the body is (RFC 9110, 8.3); Spring MVC would match a pattern
 * against the JSON converter and then fail building the request headers, answering 500.
 */
final class RequestGuard extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && !namesOneMediaType(contentType)) {
			response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
			refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type must name the body's media type, application/json; a pattern such as "
							+ "application/* does not.");
			return;
		}
		if (!listsMediaTypes(request)) {
			refuse(response, HttpStatus.BAD_REQUEST, "Accept must be a list of media types, such as application/json.");
			return;
		}
		String query = request.getQueryString();
		if (query != null) {
			String refusal = refusalOf(query);
			if (refusal != null) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				response.setContentType(ProblemJson.MEDIA_TYPE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter().write(refusal);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * A problem naming the first query parameter that is not text (a NUL or other control
	 * character, which PostgreSQL refuses as a parameter), or that is not
	 * percent-encoded.
	 */
	static String refusalOf(String query) {
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String rawName = (equals < 0) ? pair : pair.substring(0, equals);
			String name;
			String value;
			try {
				name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
				value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return ProblemJson.ofField(HttpStatus.BAD_REQUEST.value(), printable(rawName),
						"is not percent-encoded correctly");
			}
			if (hasControlCharacter(name) || hasControlCharacter(value)) {
				return ProblemJson.ofField(HttpStatus.BAD_REQUEST.value(), printable(name),
						"contains a control character");
			}
		}
		return null;
	}

	private static boolean hasControlCharacter(String text) {
		return text.chars().anyMatch(Character::isISOControl);
	}

	private static String printable(String name) {
		String shown = name.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 40) ? shown.substring(0, 40) + "..." : shown;
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(ProblemJson.MEDIA_TYPE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(ProblemJson.of(status.value(), detail));
	}

	// Spring MVC cannot choose a format for a malformed Accept, not even for its problem,
	// and answers with an empty body
	private static boolean listsMediaTypes(HttpServletRequest request) {
		for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
			try {
				MediaType.parseMediaTypes(accept);
			}
			catch (InvalidMediaTypeException ex) {
				return false;
			}
		}
		return true;
	}

	private static boolean namesOneMediaType(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return mediaType.isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
