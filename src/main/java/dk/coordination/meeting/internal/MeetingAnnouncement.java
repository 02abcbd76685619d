package dk.coordination.meeting.internal;

import java.util.UUID;

/**
 * Raised in the transaction that published an agenda or changed a published meeting; the
 * invited are told after it commits.
 */
record MeetingAnnouncement(UUID meetingId, Kind kind) {

	enum Kind {

		AGENDA_PUBLISHED, CHANGED, CANCELLED

	}

}
