package dk.coordination.web;

import java.util.Map;
import java.util.Optional;

import dk.coordination.security.CurrentUser;

/**
 * One part of the start page (Forside), contributed by the module whose data it shows:
 * the start page lists every panel that has something for the user, in {@link #order()},
 * without knowing any module. A panel reads through its module's own services, so
 * need-to-know and read logging apply as everywhere else.
 */
public interface StartPagePanel {

	/** Where the panel goes; lower comes first. */
	int order();

	/**
	 * The panel for this user, or empty when it has nothing for them (the user's roles do
	 * not include its work).
	 */
	Optional<Panel> panelFor(CurrentUser user);

	/**
	 * @param template the Thymeleaf fragment, e.g.
	 * {@code casework/forside :: opfoelgning}
	 * @param model what the fragment shows, available in it as {@code panel.model}
	 */
	record Panel(String template, Map<String, Object> model) {
	}

}
