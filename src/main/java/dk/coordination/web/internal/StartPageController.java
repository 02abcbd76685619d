package dk.coordination.web.internal;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dk.coordination.security.CurrentUser;
import dk.coordination.web.PageController;
import dk.coordination.web.StartPagePanel;
import dk.coordination.web.StartPagePanel.Panel;

/**
 * Forside: the panels the modules contribute for the logged-in user, in their order.
 */
@PageController
class StartPageController {

	private final List<StartPagePanel> panels;

	StartPageController(ObjectProvider<StartPagePanel> panels) {
		this.panels = panels.stream().toList();
	}

	@GetMapping("/")
	String startPage(Model model) {
		CurrentUser user = CurrentUser.required();
		List<Panel> shown = this.panels.stream()
			.flatMap((module) -> module.panelsFor(user).stream())
			.sorted(Comparator.comparingInt(Panel::order))
			.toList();
		model.addAttribute("panels", shown);
		return "web/forside";
	}

}
