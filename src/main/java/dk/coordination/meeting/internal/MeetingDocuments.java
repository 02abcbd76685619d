package dk.coordination.meeting.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import dk.coordination.meeting.MeetingState;
import dk.coordination.meeting.internal.MeetingService.Access;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.web.DanishTime;

/**
 * Turns a meeting and its agenda into what is printed and sent: the agenda for one reader
 * (already minimised by {@link MeetingService#agenda}) and the calendar invitation, which
 * names no person the cases concern.
 */
@Component
class MeetingDocuments {

	private final MeetingService meetings;

	private final MailProperties mail;

	MeetingDocuments(MeetingService meetings, MailProperties mail) {
		this.meetings = meetings;
		this.mail = mail;
	}

	AgendaDocument agenda(Access access, Integer version, String purpose) {
		Meeting meeting = access.meeting();
		AgendaView agenda = this.meetings.agenda(access, version, purpose);
		String unitName = this.meetings.unitName(meeting.getUnitCode());
		return new AgendaDocument(unitName, meeting.getStartsAt().atZone(DanishTime.ZONE),
				meeting.endsAt().atZone(DanishTime.ZONE), meeting.getLocation(),
				this.meetings.invited(meeting).stream().map(OrganisationDetails::name).toList(), agenda.version(),
				agenda.publishedAt(),
				agenda.items()
					.stream()
					.map((item) -> new AgendaDocument.Item(item.position(), item.title(), item.caseNumber(),
							item.subjectInitials(), item.reasonText()))
					.toList());
	}

	CalendarInvitation invitation(Meeting meeting) {
		String unitName = this.meetings.unitName(meeting.getUnitCode());
		List<CalendarInvitation.Participant> attendees = this.meetings.invited(meeting)
			.stream()
			.filter((organisation) -> organisation.notificationEmail() != null)
			.map((organisation) -> new CalendarInvitation.Participant(organisation.name(),
					organisation.notificationEmail()))
			.toList();
		String description = "Møde i " + unitName + ". Dagsordenen hentes i Concern Coordination Service"
				+ ((meeting.getAgendaVersion() > 0) ? " (version " + meeting.getAgendaVersion() + ")." : ".");
		return new CalendarInvitation(meeting.getId() + "@coordination", meeting.getSequence(), meeting.getUpdatedAt(),
				meeting.getStartsAt(), meeting.endsAt(), "Møde i " + unitName, meeting.getLocation(), description,
				new CalendarInvitation.Participant(unitName, this.mail.from()), attendees,
				meeting.getState() == MeetingState.CANCELLED);
	}

}
