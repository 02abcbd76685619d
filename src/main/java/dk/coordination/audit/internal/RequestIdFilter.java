package dk.coordination.audit.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dk.coordination.audit.RequestIds;

/**
 * Gives every request a new UUID as its request id, puts it in the MDC for logs,
 * revisions and the read log, and returns it in {@code X-Request-Id}. The id is the
 * service's own: a caller who could choose it could make two requests share one audit key
 * or point a revision at someone else's request. What a caller sends as
 * {@code X-Request-Id} is kept, when it is a sane token, as the correlation id beside it
 * (MDC, {@code X-Correlation-Id}, the revision and the read log), so the caller's own
 * tracing still finds the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	// a caller-chosen id ends up in the audit tables, logs and a response header, so only
	// harmless characters pass
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = UUID.randomUUID().toString();
		String offered = request.getHeader(RequestIds.HEADER);
		String correlationId = (offered != null && ACCEPTABLE.matcher(offered).matches()) ? offered : null;
		MDC.put(RequestIds.MDC_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		if (correlationId != null) {
			MDC.put(RequestIds.CORRELATION_MDC_KEY, correlationId);
			response.setHeader(RequestIds.CORRELATION_HEADER, correlationId);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
			MDC.remove(RequestIds.CORRELATION_MDC_KEY);
		}
	}

}
