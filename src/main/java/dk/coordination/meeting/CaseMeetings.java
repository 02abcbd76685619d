package dk.coordination.meeting;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where cases have been on a meeting's agenda, for answering a person's request for
 * insight. Like {@link dk.coordination.casework.CaseInsight} it logs nothing: the caller
 * logs its read once per case.
 */
public interface CaseMeetings {

	/** The agenda items about these cases, by meeting time, oldest first. */
	List<AgendaEntry> agendaItemsAbout(Collection<UUID> caseIds);

	/**
	 * An item about a case on a meeting's working agenda.
	 *
	 * @param title the item's title, which may hold the person's initials
	 * @param decision the minutes of the decision recorded on it, or null
	 */
	record AgendaEntry(UUID caseId, String unitCode, Instant meetingStartsAt, MeetingState meetingState, int position,
			String title, String decision, Instant decidedAt) {
	}

}
