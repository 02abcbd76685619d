package dk.coordination.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dk.coordination.web.PageController;

/**
 * Errors of the web pages become a Danish error page in the layout; the API's errors stay
 * problem documents ({@link ProblemDetailsAdvice}). A page shows the same 404 for a case
 * the user may not see as for one that does not exist, since the services throw the same
 * exception for both, and an id that is not even an id is also "not found".
 */
@Component
class PageErrorResolver implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(PageErrorResolver.class);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		boolean page = (handler instanceof HandlerMethod method)
				? AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PageController.class)
				// no controller at this address: a browser asking for a page gets the
				// page
				: ex instanceof NoResourceFoundException
						&& isPageRequest(request.getRequestURI().substring(request.getContextPath().length()), request);
		if (!page) {
			return null;
		}
		int status = statusOf(ex);
		if (status >= 500) {
			log.error("Page {} failed", request.getRequestURI(), ex);
		}
		return errorPage(status);
	}

	/**
	 * A browser asking for a page (not the API, an asset or Actuator): it gets the Danish
	 * error page, everything else keeps the problem document.
	 */
	static boolean isPageRequest(String path, HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !path.startsWith("/api/")
				&& !path.startsWith("/assets/") && !path.startsWith("/actuator/") && !path.startsWith("/v3/");
	}

	static ModelAndView errorPage(int status) {
		ModelAndView page = new ModelAndView("web/fejl");
		page.setStatus(HttpStatus.valueOf(status));
		page.addObject("status", status);
		return page;
	}

	private static int statusOf(Exception ex) {
		return switch (ex) {
			case ErrorResponse error -> error.getStatusCode().value();
			case MethodArgumentTypeMismatchException mismatch -> HttpStatus.NOT_FOUND.value();
			case OptimisticLockingFailureException conflict -> HttpStatus.CONFLICT.value();
			case DataIntegrityViolationException conflict -> HttpStatus.CONFLICT.value();
			default -> HttpStatus.INTERNAL_SERVER_ERROR.value();
		};
	}

}
