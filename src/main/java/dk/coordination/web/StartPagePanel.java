package dk.coordination.web;

import java.util.List;
import java.util.Map;

import dk.coordination.security.CurrentUser;

/**
 * The parts of the start page (Forside) a module contributes: the start page lists every
 * panel of every module, in {@link Panel#order()}, without knowing any module. A module
 * gives all its panels in one call, so panels that rest on the same reads (whether the
 * user is secretariat, the follow-up list) do them once per page. A panel reads through
 * its module's own services, so need-to-know and read logging apply as everywhere else.
 */
public interface StartPagePanel {

	/** The panels for this user; none when the user's roles do not include its work. */
	List<Panel> panelsFor(CurrentUser user);

	/**
	 * @param order where the panel goes among all modules' panels; lower comes first
	 * @param template the Thymeleaf fragment, e.g.
	 * {@code casework/forside :: opfoelgning}
	 * @param model what the fragment shows, available in it as {@code panel.model}
	 */
	record Panel(int order, String template, Map<String, Object> model) {
	}

}
