package dk.coordination.web.internal;

import java.io.IOException;
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
 * Refuses a request whose Accept is malformed, with 400, and one whose Content-Type is a
 * pattern ({@code application/*}, {@code *}{@code /*}) or no media type at all, with 415.
 * A Content-Type names what the body is (RFC 9110, 8.3); Spring MVC would match a pattern
 * against the JSON converter and then fail building the request headers, answering 500.
 */
final class MediaTypeGuard extends OncePerRequestFilter {

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
		chain.doFilter(request, response);
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
