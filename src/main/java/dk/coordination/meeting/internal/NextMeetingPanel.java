package dk.coordination.meeting.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dk.coordination.meeting.internal.MeetingViews.MeetingView;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.StartPagePanel;

/**
 * Næste møde on the start page: the next meeting still to be held that the user may see
 * ({@link MeetingService#next}): the secretariat's own unit's, or one the user's
 * organisation is invited to. The secretariat is told when none is convened; others see
 * the panel only when they are invited. A meeting shows no person data, so this is no
 * logged read.
 */
@Component
class NextMeetingPanel implements StartPagePanel {

	private final MeetingService meetings;

	private final CoordinationUnits units;

	NextMeetingPanel(MeetingService meetings, CoordinationUnits units) {
		this.meetings = meetings;
		this.units = units;
	}

	@Override
	public List<Panel> panelsFor(CurrentUser user) {
		Set<String> secretariatUnits = this.units.secretariatUnits(user);
		Optional<MeetingView> next = this.meetings.next(user, secretariatUnits);
		if (next.isEmpty() && secretariatUnits.isEmpty()) {
			return List.of();
		}
		// both keys always there (null when none): the template reads them as properties
		Map<String, Object> model = new HashMap<>();
		model.put("meeting", next.orElse(null));
		model.put("unitName", null);
		next.ifPresent((meeting) -> {
			this.units.find(meeting.unit()).ifPresent((unit) -> model.put("unitName", unit.name()));
		});
		return List.of(new Panel(45, "meeting/forside :: naesteMoede", model));
	}

}
