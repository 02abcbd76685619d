package dk.coordination.meeting.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dk.coordination.meeting.MeetingState;

/**
 * What the meeting endpoints answer. Times are shown in Europe/Copenhagen (with their
 * offset).
 */
final class MeetingViews {

	private MeetingViews() {
	}

	record MeetingView(UUID meetingId, String unit, OffsetDateTime startsAt, OffsetDateTime endsAt, int durationMinutes,
			String location, MeetingState state, List<String> invited, int agendaVersion, int sequence) {
	}

	/**
	 * @param version the published version shown, or 0 for the secretariat's working
	 * draft
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AgendaView(UUID meetingId, int version, Instant publishedAt, String publishedBy,
			List<AgendaItemView> items) {
	}

	/**
	 * One item as this reader may see it: organisations not taking part in the case see
	 * only its number and why it is on the agenda.
	 *
	 * @param urgent a submitter marked a concern on the case urgent; null where the
	 * reader sees only the case number
	 */
	record AgendaItemView(UUID id, int position, UUID caseId, String caseNumber, String reason, String reasonText,
			String title, String subjectInitials, Boolean urgent) {
	}

	/**
	 * An item as frozen in a published version.
	 *
	 * @param urgent as it was when published; a Boolean so versions frozen before the
	 * mark existed still read (as not urgent)
	 */
	record PublishedItem(UUID id, int position, UUID caseId, String caseNumber, String reason, String title,
			Boolean urgent) {

		boolean isUrgent() {
			return Boolean.TRUE.equals(this.urgent);
		}

	}

}
