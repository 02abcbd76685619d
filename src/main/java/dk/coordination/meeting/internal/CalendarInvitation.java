package dk.coordination.meeting.internal;

import java.time.Instant;
import java.util.List;

/**
 * What an iCalendar (RFC 5545) invitation to a meeting says. Carries no personal data
 * about the people the cases concern: the agenda itself is fetched from the service.
 *
 * @param uid stable for the meeting across all its changes, e.g.
 * {@code <meeting id>@coordination}
 * @param sequence grows with every change of the meeting, so calendars replace the
 * earlier version
 * @param stamp when this version of the invitation was made (DTSTAMP)
 * @param cancelled true sends METHOD:CANCEL and STATUS:CANCELLED
 */
record CalendarInvitation(String uid, int sequence, Instant stamp, Instant startsAt, Instant endsAt, String summary,
		String location, String description, Participant organizer, List<Participant> attendees, boolean cancelled) {

	record Participant(String name, String email) {
	}

}
