package dk.coordination.meeting.internal;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dk.coordination.security.CurrentUser;

/**
 * The agenda PDF and the calendar invitation as downloads, for the API
 * ({@code /api/meetings/{id}/agenda.pdf}) and the pages
 * ({@code /moeder/{id}/dagsorden.pdf}) alike: one place decides who may fetch them, what
 * they show and how they are sent.
 */
@Component
class AgendaDownloads {

	private final MeetingService meetings;

	private final MeetingDocuments documents;

	private final AgendaPdfRenderer pdf;

	private final InvitationCalendar calendar;

	AgendaDownloads(MeetingService meetings, MeetingDocuments documents, AgendaPdfRenderer pdf,
			InvitationCalendar calendar) {
		this.meetings = meetings;
		this.documents = documents;
		this.pdf = pdf;
		this.calendar = calendar;
	}

	/**
	 * The agenda as a printable Danish dagsorden, showing this reader only what they may
	 * see.
	 */
	ResponseEntity<byte[]> agendaPdf(UUID meetingId, Integer version, String purpose, CurrentUser user) {
		MeetingService.Access access = this.meetings.requireVisible(meetingId, user);
		byte[] rendered = this.pdf.render(this.documents.agenda(access, version, purpose));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"dagsorden.pdf\"")
			.body(rendered);
	}

	/** RFC 5545 invitation with a stable UID; its SEQUENCE grows with every change. */
	ResponseEntity<String> invitation(UUID meetingId, CurrentUser user) {
		MeetingService.Access access = this.meetings.requireVisible(meetingId, user);
		CalendarInvitation invitation = this.documents.invitation(access.meeting());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(
					"text/calendar; charset=UTF-8; method=" + (invitation.cancelled() ? "CANCEL" : "REQUEST")))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"invitation.ics\"")
			.body(this.calendar.write(invitation));
	}

}
