package dk.coordination.meeting.internal;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dk.coordination.casework.DueWorkFound;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.UnitDetails;

/**
 * Mails the daily due work to the organisation that runs the unit's secretariat now (the
 * model decides which). Counts only; the follow-up list in the service has the details. A
 * mail server that cannot be reached fails the listener, so the notice is retried (see
 * {@link MeetingMailer}).
 */
@Component
class SecretariatNotices {

	private final CoordinationUnits units;

	private final MeetingMailer mailer;

	SecretariatNotices(CoordinationUnits units, MeetingMailer mailer) {
		this.units = units;
		this.mailer = mailer;
	}

	@ApplicationModuleListener
	void on(DueWorkFound work) {
		UnitDetails unit = this.units.find(work.unitCode()).orElseThrow();
		List<String> recipients = this.units.organisations(List.of(unit.secretariatOrganisation()))
			.stream()
			.map(OrganisationDetails::notificationEmail)
			.filter((address) -> address != null)
			.toList();
		String subject = "Opfølgning " + work.date() + ": " + unit.name();
		String text = """
				Til sekretariatet for %s

				Forfaldne opfølgninger på sager: %d
				Overskredne opgaver: %d
				Gennemgange af lukkede sager: %d

				Se opfølgningslisten i Concern Coordination Service (GET /api/follow-ups).
				""".formatted(unit.name(), work.dueFollowUps(), work.overdueTasks(), work.dueReviews());
		this.mailer.send(new MeetingNotice(recipients, subject, text, null, null));
	}

}
