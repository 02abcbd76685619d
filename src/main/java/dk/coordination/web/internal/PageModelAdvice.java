package dk.coordination.web.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dk.coordination.security.CurrentUser;
import dk.coordination.web.PageController;

/**
 * What the layout shows on every page: who is logged in (from the session's login, the
 * same {@link CurrentUser} the services get), where the user is, and when the session
 * runs out.
 */
@ControllerAdvice(annotations = PageController.class)
class PageModelAdvice {

	private final PageConfiguration.SessionTiming timing;

	PageModelAdvice(PageConfiguration.SessionTiming timing) {
		this.timing = timing;
	}

	@ModelAttribute("user")
	CurrentUser user() {
		return CurrentUser.current().orElse(null);
	}

	@ModelAttribute("sessionTimeoutSeconds")
	long sessionTimeoutSeconds() {
		return this.timing.sessionTimeout().toSeconds();
	}

	@ModelAttribute("sessionWarningSeconds")
	long sessionWarningSeconds() {
		return this.timing.sessionWarning().toSeconds();
	}

	/** The path, so the navigation can mark the current page. */
	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

}
