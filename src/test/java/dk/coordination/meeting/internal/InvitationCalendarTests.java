package dk.coordination.meeting.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Organizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InvitationCalendarTests {

	private static final Instant STARTS = Instant.parse("2026-12-03T08:00:00Z");

	private static final Instant ENDS = Instant.parse("2026-12-03T10:00:00Z");

	private static final Instant STAMP = Instant.parse("2026-12-01T13:03:00Z");

	private static final String UID = "6f1c2a9e-2b7d-4c1e-9a51-0d3c9b3f4e21@coordination";

	private final InvitationCalendar calendar = new InvitationCalendar();

	@Test
	void writesARequestCarryingTheMeeting() throws Exception {
		String text = this.calendar.write(invitation("Kort beskrivelse.", false));
		Calendar parsed = parse(text);
		VEvent event = onlyEvent(parsed);

		assertThat(value(parsed, Property.PRODID))
			.isEqualTo("-//Koordineringsenheden//Concern Coordination Service//DA");
		assertThat(value(parsed, Property.VERSION)).isEqualTo("2.0");
		assertThat(value(parsed, Property.METHOD)).isEqualTo("REQUEST");
		assertThat(value(event, Property.UID)).isEqualTo(UID);
		assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
		assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(instant(event, Property.DTSTART)).isEqualTo(STARTS);
		assertThat(instant(event, Property.DTEND)).isEqualTo(ENDS);
		assertThat(instant(event, Property.DTSTAMP)).isEqualTo(STAMP);
		// in UTC, so no calendar has to know Danish time rules
		assertThat(text).contains("DTSTART:20261203T080000Z\r\n").contains("DTEND:20261203T100000Z\r\n");
		Organizer organizer = event.getRequiredProperty(Property.ORGANIZER);
		assertThat(organizer.getCalAddress()).isEqualTo(URI.create("mailto:sekretariat@kk.dk"));
		assertThat(organizer.<Cn>getRequiredParameter(Parameter.CN).getValue()).isEqualTo("Sekretariatet");
	}

	@Test
	void invitesEveryAttendeeToRespond() throws Exception {
		VEvent event = onlyEvent(parse(this.calendar.write(invitation("Kort beskrivelse.", false))));

		List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
		assertThat(attendees).extracting(Attendee::getCalAddress)
			.containsExactly(URI.create("mailto:bekymring@politi.dk"), URI.create("mailto:sspk@kk.dk"));
		assertThat(attendees.get(0).<Cn>getRequiredParameter(Parameter.CN).getValue())
			.isEqualTo("Københavns Politi, Forebyggelse");
		assertThat(attendees).allSatisfy((attendee) -> {
			assertThat(attendee.getParameter(Parameter.ROLE)).map(Parameter::getValue).contains("REQ-PARTICIPANT");
			assertThat(attendee.getParameter(Parameter.PARTSTAT)).map(Parameter::getValue).contains("NEEDS-ACTION");
			assertThat(attendee.getParameter(Parameter.RSVP)).map(Parameter::getValue).contains("TRUE");
		});
	}

	@Test
	void danishLettersAndSpecialCharactersSurviveARoundTrip() throws Exception {
		String description = "Dagsordenen findes i systemet.\nMødet holdes; husk adgangskort, tak \\ hilsen";
		VEvent event = onlyEvent(parse(this.calendar.write(invitation(description, false))));

		assertThat(value(event, Property.SUMMARY)).isEqualTo("Møde i Koordineringsenheden – sagsgennemgang");
		assertThat(value(event, Property.LOCATION)).isEqualTo("Rådhuset, mødelokale Ærø, Ågade 1");
		assertThat(value(event, Property.DESCRIPTION)).isEqualTo(description);
	}

	@Test
	void everyLineEndsWithCrlfAndHoldsAtMost75Octets() throws Exception {
		String description = "Bemærk: Mødet om sagerne på Østerbro og Nørrebro flyttes til Rådhusets sal. ".repeat(12)
				+ "æøåÆØÅ".repeat(40);
		String text = this.calendar.write(invitation(description, false));

		assertThat(text).endsWith("\r\n");
		String[] lines = text.substring(0, text.length() - 2).split("\r\n", -1);
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line).doesNotContain("\r", "\n");
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
		});
		// the description really was folded, over many continuation lines
		assertThat(lines).filteredOn((line) -> line.startsWith(" ")).hasSizeGreaterThan(10);
		assertThat(value(onlyEvent(parse(text)), Property.DESCRIPTION)).isEqualTo(description);
	}

	@Test
	void aLoneCarriageReturnBecomesALineBreakInsteadOfEndingTheLine() throws Exception {
		String text = this.calendar.write(invitation("Første linje\rAnden linje\r\nTredje linje", false));

		assertThat(text).contains("DESCRIPTION:Første linje\\nAnden linje\\nTredje linje\r\n");
	}

	@Test
	void aCancellationKeepsTheUidAndSaysCancelled() throws Exception {
		String request = this.calendar.write(invitation("Kort beskrivelse.", false));
		String cancellation = this.calendar.write(invitation("Kort beskrivelse.", true));
		Calendar parsed = parse(cancellation);
		VEvent event = onlyEvent(parsed);

		assertThat(cancellation).contains("METHOD:CANCEL\r\n").contains("STATUS:CANCELLED\r\n");
		assertThat(value(parsed, Property.METHOD)).isEqualTo("CANCEL");
		assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(event, Property.UID)).isEqualTo(value(onlyEvent(parse(request)), Property.UID)).isEqualTo(UID);
	}

	@Test
	void aRequestWithoutAttendeesIsRefused() {
		CalendarInvitation nobody = new CalendarInvitation(UID, 0, STAMP, STARTS, ENDS, "Møde", "Rådhuset", null,
				new CalendarInvitation.Participant("Sekretariatet", "sekretariat@kk.dk"), List.of(), false);

		assertThatIllegalArgumentException().isThrownBy(() -> this.calendar.write(nobody))
			.withMessageContaining("ATTENDEE");
	}

	@Test
	void foldsWithoutSplittingACharacter() {
		String line = "X:" + "ø".repeat(100);

		String folded = InvitationCalendar.fold(line + "\r\n");

		assertThat(folded.split("\r\n"))
			.allSatisfy((part) -> assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
		assertThat(folded.replace("\r\n ", "")).isEqualTo(line + "\r\n");
	}

	private static CalendarInvitation invitation(String description, boolean cancelled) {
		return new CalendarInvitation(UID, 3, STAMP, STARTS, ENDS, "Møde i Koordineringsenheden – sagsgennemgang",
				"Rådhuset, mødelokale Ærø, Ågade 1", description,
				new CalendarInvitation.Participant("Sekretariatet", "sekretariat@kk.dk"),
				List.of(new CalendarInvitation.Participant("Københavns Politi, Forebyggelse", "bekymring@politi.dk"),
						new CalendarInvitation.Participant("SSP København", "sspk@kk.dk")),
				cancelled);
	}

	private static Calendar parse(String text) throws IOException, ParserException {
		return new CalendarBuilder().build(new StringReader(text));
	}

	private static VEvent onlyEvent(Calendar calendar) {
		List<VEvent> events = calendar.getComponents("VEVENT");
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
		return container.getRequiredProperty(name).getValue();
	}

	private static Instant instant(VEvent event, String name) {
		DateProperty<Temporal> property = event.getRequiredProperty(name);
		return Instant.from(property.getDate());
	}

}
