package dk.coordination.meeting.internal;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dk.coordination.organisation.OrganisationDetails;

/**
 * Tells the invited organisations, after the change has committed, that an agenda was
 * published or a published meeting changed. The mail carries the invitation and no
 * personal data; the agenda itself is read in the service, where access is checked and
 * logged.
 * <p>
 * When the mail server cannot be reached the listener fails, the event publication
 * registry keeps the event, and a later retry runs this again: the mail is then written
 * from the meeting as it is at that time, not as it was when the event was raised.
 */
@Component
class MeetingAnnouncements {

	private final MeetingRepository meetings;

	private final MeetingService meetingService;

	private final MeetingDocuments documents;

	private final InvitationCalendar calendar;

	private final MeetingMailer mailer;

	MeetingAnnouncements(MeetingRepository meetings, MeetingService meetingService, MeetingDocuments documents,
			InvitationCalendar calendar, MeetingMailer mailer) {
		this.meetings = meetings;
		this.meetingService = meetingService;
		this.documents = documents;
		this.calendar = calendar;
		this.mailer = mailer;
	}

	@ApplicationModuleListener
	void on(MeetingAnnouncement announcement) {
		Meeting meeting = this.meetings.findById(announcement.meetingId()).orElseThrow();
		CalendarInvitation invitation = this.documents.invitation(meeting);
		List<String> recipients = this.meetingService.invited(meeting)
			.stream()
			.map(OrganisationDetails::notificationEmail)
			.filter((address) -> address != null)
			.toList();
		String when = this.meetingService.view(meeting).startsAt().toString();
		String subject = switch (announcement.kind()) {
			case AGENDA_PUBLISHED ->
				"Dagsorden offentliggjort (version " + meeting.getAgendaVersion() + "): " + invitation.summary();
			case CHANGED -> "Mødet er ændret: " + invitation.summary();
			case CANCELLED -> "Mødet er aflyst: " + invitation.summary();
		};
		String text = """
				%s

				Tidspunkt: %s
				Sted: %s

				Dagsordenen kan læses i Concern Coordination Service; den sendes ikke med e-mail, fordi den \
				kan indeholde personoplysninger.
				""".formatted(subject, when, meeting.getLocation());
		this.mailer.send(new MeetingNotice(recipients, subject, text, this.calendar.write(invitation),
				invitation.cancelled() ? "CANCEL" : "REQUEST"));
	}

}
