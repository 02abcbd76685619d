package dk.coordination.meeting.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationResult;
import org.springframework.stereotype.Component;

/**
 * Writes a meeting invitation as an iCalendar (RFC 5545) object with iTIP (RFC 5546)
 * METHOD:REQUEST, or METHOD:CANCEL once the meeting is cancelled. The result is to be
 * sent as UTF-8 ({@code text/calendar; charset=UTF-8; method=REQUEST} or
 * {@code method=CANCEL}).
 * <p>
 * ical4j builds, escapes and validates the calendar, but its outputter folds lines after
 * 75 characters rather than 75 octets, so a line full of æ, ø and å would break the
 * limit. Folding is therefore done here, on the unfolded text ical4j produces.
 */
@Component
class InvitationCalendar {

	static final String PRODUCT_ID = "-//Koordineringsenheden//Concern Coordination Service//DA";

	private static final int MAX_LINE_OCTETS = 75;

	private static final String CRLF = "\r\n";

	String write(CalendarInvitation invitation) {
		// no automatic DTSTAMP: the stamp belongs to this version of the invitation, so
		// writing it again gives the same text
		VEvent event = new VEvent(false);
		event.add(new Uid(invitation.uid()));
		event.add(new Sequence(invitation.sequence()));
		event.add(new DtStamp(invitation.stamp()));
		event.add(new DtStart<>(invitation.startsAt()));
		event.add(new DtEnd<>(invitation.endsAt()));
		if (invitation.summary() != null) {
			event.add(new Summary(text(invitation.summary())));
		}
		if (invitation.location() != null) {
			event.add(new Location(text(invitation.location())));
		}
		if (invitation.description() != null) {
			event.add(new Description(text(invitation.description())));
		}
		event.add(new Organizer(names(invitation.organizer()), mailto(invitation.organizer())));
		for (CalendarInvitation.Participant attendee : invitation.attendees()) {
			ParameterList parameters = names(attendee).add(Role.REQ_PARTICIPANT)
				.add(PartStat.NEEDS_ACTION)
				.add(Rsvp.TRUE);
			event.add(new Attendee(parameters, mailto(attendee)));
		}
		event.add(invitation.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);

		Calendar calendar = new Calendar();
		calendar.add(new ProdId(PRODUCT_ID));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(invitation.cancelled() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
		calendar.add(event);
		// the iTIP rules, e.g. that a REQUEST names at least one attendee: a calendar
		// client would reject such an invitation silently, so fail where it is made
		ValidationResult validation = calendar.validate();
		if (validation.hasErrors()) {
			throw new IllegalArgumentException("Not a valid invitation: " + validation.getEntries());
		}
		return fold(calendar.toString());
	}

	private static ParameterList names(CalendarInvitation.Participant participant) {
		List<Parameter> parameters = new ArrayList<>();
		if (participant.name() != null && !participant.name().isBlank()) {
			// a display name has no use for line breaks, and they do not belong in a
			// parameter
			parameters.add(new Cn(participant.name().replaceAll("\\p{Cntrl}+", " ").strip()));
		}
		return new ParameterList(parameters);
	}

	private static URI mailto(CalendarInvitation.Participant participant) {
		return URI.create("mailto:" + participant.email().strip());
	}

	/**
	 * ical4j escapes line feeds as {@code \n} but passes a lone carriage return through
	 * raw, which would end the content line early.
	 */
	private static String text(String value) {
		return value.replace("\r\n", "\n").replace('\r', '\n');
	}

	/**
	 * Folds every content line after at most 75 octets of UTF-8, never inside a
	 * character, continuing on a line that starts with a space (RFC 5545, 3.1).
	 */
	static String fold(String unfolded) {
		StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 24);
		for (String line : unfolded.split(CRLF)) {
			int octets = 0;
			for (int i = 0; i < line.length();) {
				int codePoint = line.codePointAt(i);
				int size = utf8Length(codePoint);
				if (octets + size > MAX_LINE_OCTETS) {
					folded.append(CRLF).append(' ');
					octets = 1;
				}
				folded.appendCodePoint(codePoint);
				octets += size;
				i += Character.charCount(codePoint);
			}
			folded.append(CRLF);
		}
		return folded.toString();
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

}
