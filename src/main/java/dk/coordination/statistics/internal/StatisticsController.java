package dk.coordination.statistics.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.security.CurrentUser;

/**
 * {@code GET /api/statistics?unit=KBH&from=2026-01-01&to=2026-06-30}: the figures of the
 * page for other tools. The security rules let only secretariat staff and administrators
 * in; the service decides the unit. The parameters are taken as text so that the service
 * can say exactly what is wrong with them.
 */
@RestController
class StatisticsController {

	private final StatisticsService statistics;

	StatisticsController(StatisticsService statistics) {
		this.statistics = statistics;
	}

	@GetMapping("/api/statistics")
	Report report(@RequestParam(required = false) String unit, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		return this.statistics.report(CurrentUser.required(), unit, from, to);
	}

}
