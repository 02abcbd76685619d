package dk.coordination.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static dk.coordination.casework.CaseStoryIntegrationTests.transition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Convening a meeting and drafting, editing and publishing its agenda, with real tokens:
 * the proposal reflects the cases, edits need the meeting's ETag, published versions are
 * frozen, and the invited see only what they may.
 */
class MeetingIntegrationTests extends IntegrationTestEnvironment {

	@Test
	void theSecretariatConvenesAndTheInvitedSeeTheMeeting() {
		Response planned = plan("2027-03-04T09:00:00+01:00", List.of("KBH-POLITI", "KRIMINALFORSORGEN", "KK-BUF"));
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		assertThat(planned.text("/state")).isEqualTo("PLANNED");
		assertThat(planned.text("/startsAt")).isEqualTo("2027-03-04T09:00:00+01:00");
		assertThat(planned.text("/endsAt")).isEqualTo("2027-03-04T11:00:00+01:00");
		String meeting = "/api/meetings/" + planned.text("/meetingId");

		assertThat(api().as("politi").get(meeting).status()).isEqualTo(200);
		assertThat(api().as("sof").get(meeting).status()).as("not invited").isEqualTo(404);
		assertThat(api().as("auditor").get(meeting).status()).isEqualTo(403);
		assertThat(ids(api().as("buf").get("/api/meetings?unit=KBH&from=2027-03-01&to=2027-04-01")))
			.contains(planned.text("/meetingId"));
		assertThat(ids(api().as("sof").get("/api/meetings?unit=KBH&from=2027-03-01&to=2027-04-01")))
			.doesNotContain(planned.text("/meetingId"));

		assertThat(api().as("politi")
			.post("/api/meetings", meetingBody("2027-03-05T09:00:00+01:00", List.of("KK-BUF")))
			.status()).as("police are not secretariat under model 1").isEqualTo(403);
		assertThat(api().as("sekretariat")
			.post("/api/meetings", meetingBody("2027-03-05T09:00:00+01:00", List.of("NOPE")))
			.text("/errors/0/field")).isEqualTo("invited");

		String etag = planned.header("ETag").orElseThrow();
		assertThat(api().as("sekretariat").patch(meeting, Map.of("location", "Rådhuset")).status()).isEqualTo(428);
		Response moved = api().as("sekretariat")
			.header("If-Match", etag)
			.patch(meeting, Map.of("startsAt", "2027-03-04T13:00:00+01:00", "location", "Rådhuset, lokale 12"));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(moved.text("/location")).isEqualTo("Rådhuset, lokale 12");
		assertThat(moved.json().get("sequence").asInt()).isEqualTo(1);
		assertThat(api().as("sekretariat").header("If-Match", etag).patch(meeting, Map.of("location", "x")).status())
			.isEqualTo(412);
	}

	@Test
	void theProposalReflectsTheCasesAndPublishedVersionsAreFrozen() {
		String awaiting = caseAwaitingMeeting(false);
		String flagged = caseWithNewInformation();
		String meetingId = plan("2027-05-06T09:00:00+02:00", List.of("KBH-POLITI", "KK-SOF")).text("/meetingId");
		String meeting = "/api/meetings/" + meetingId;

		Response proposal = propose(meeting);
		assertThat(proposal.status()).as(proposal.toString()).isEqualTo(200);
		Map<String, String> reasons = reasonsByCase(proposal.json());
		assertThat(reasons).containsEntry(awaiting, "AWAITING_MEETING").containsEntry(flagged, "NEW_INFORMATION");
		Response again = propose(meeting);
		assertThat(again.json().get("items")).as("nothing is on the agenda twice")
			.hasSize(proposal.json().get("items").size());

		assertThat(api().as("politi").get(meeting + "/agenda").status()).as("drafts are the secretariat's")
			.isEqualTo(404);

		String etag = again.header("ETag").orElseThrow();
		Response withFree = api().as("sekretariat")
			.header("If-Match", etag)
			.post(meeting + "/agenda/items", Map.of("title", "Orientering fra politiet"));
		assertThat(withFree.status()).as(withFree.toString()).isEqualTo(200);
		List<String> order = new ArrayList<>(withFree.json().findValuesAsString("id"));
		String freeId = order.remove(order.size() - 1);
		order.add(0, freeId);
		Response reordered = api().as("sekretariat")
			.header("If-Match", withFree.header("ETag").orElseThrow())
			.put(meeting + "/agenda/order", Map.of("itemIds", order));
		assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
		assertThat(reordered.json().get("items").get(0).get("title").asString()).isEqualTo("Orientering fra politiet");
		assertThat(reordered.json().get("items").get(0).get("position").asInt()).isEqualTo(1);
		assertThat(reordered.json().get("items").get(0).get("caseId").isNull()).as("a free item's caseId is null")
			.isTrue();
		assertThat(api().as("sekretariat")
			.header("If-Match", reordered.header("ETag").orElseThrow())
			.put(meeting + "/agenda/order", Map.of("itemIds", order.subList(1, order.size())))
			.text("/errors/0/field")).isEqualTo("itemIds");
		assertThat(api().as("sekretariat")
			.header("If-Match", withFree.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of())
			.status()).as("stale ETag").isEqualTo(412);

		Response published = api().as("sekretariat")
			.header("If-Match", reordered.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		assertThat(published.json().get("version").asInt()).isEqualTo(1);
		int itemsInVersion1 = published.json().get("items").size();
		assertThat(api().as("sekretariat").get(meeting).text("/state")).isEqualTo("AGENDA_PUBLISHED");

		Response removed = api().as("sekretariat")
			.header("If-Match", published.header("ETag").orElseThrow())
			.delete(meeting + "/agenda/items/" + freeId);
		assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
		Response version2 = api().as("sekretariat")
			.header("If-Match", removed.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(version2.json().get("version").asInt()).isEqualTo(2);
		assertThat(version2.json().get("items")).hasSize(itemsInVersion1 - 1);

		Response first = api().as("sekretariat").get(meeting + "/agenda?version=1");
		assertThat(first.json().get("items")).hasSize(itemsInVersion1);
		assertThat(first.json().get("items").get(0).get("title").asString()).isEqualTo("Orientering fra politiet");
		assertThat(api().as("politi").get(meeting + "/agenda").json().get("version").asInt()).isEqualTo(2);
		assertThat(api().as("politi").get(meeting + "/agenda?version=3").status()).isEqualTo(404);
	}

	@Test
	void theInvitedSeeInitialsOnlyOfCasesTheyTakePartIn() {
		String shared = caseAwaitingMeeting(false);
		String other = caseAwaitingMeeting(false);
		Response added = api().as("sekretariat")
			.post("/api/cases/" + shared + "/participants",
					Map.of("organisation", "KBH-POLITI", "legalBasis", "RETSPLEJELOVEN_115", "purpose", "Møde"));
		assertThat(added.status()).isEqualTo(201);
		String meeting = "/api/meetings/" + plan("2027-06-03T09:00:00+02:00", List.of("KBH-POLITI")).text("/meetingId");
		Response proposal = propose(meeting);
		JsonNode secretariatItem = item(proposal.json(), shared);
		assertThat(secretariatItem.get("subjectInitials").asString()).isEqualTo("T.F.");
		api().as("sekretariat")
			.header("If-Match", proposal.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());

		JsonNode asPolice = api().as("politi").get(meeting + "/agenda").json();
		JsonNode sharedItem = item(asPolice, shared);
		assertThat(sharedItem.get("subjectInitials").asString()).isEqualTo("T.F.");
		assertThat(sharedItem.get("caseNumber").asString()).startsWith("KBH-");
		JsonNode otherItem = asPolice.get("items")
			.valueStream()
			.filter((node) -> !node.hasNonNull("caseId") && node.hasNonNull("caseNumber")
					&& node.get("caseNumber").asString().equals(caseNumber(other)))
			.findFirst()
			.orElseThrow();
		assertThat(otherItem.hasNonNull("subjectInitials")).isFalse();
		assertThat(otherItem.get("reasonText").asString()).isNotBlank();
		assertThat(asPolice.has("publishedBy")).isFalse();

		// the initials the police saw are logged as a read of that person's case, the
		// other not
		assertThat(reads("politi", shared)).contains("MEETING_AGENDA Mødeforberedelse");
		assertThat(reads("politi", other)).doesNotContain("MEETING_AGENDA Mødeforberedelse");
	}

	@Test
	void publishingSendsTheInvitedAnInvitationWithoutPersonalDataAndThePdfAndIcsParse() throws Exception {
		String caseId = caseAwaitingMeeting(false);
		Response planned = plan("2027-09-02T09:00:00+02:00", List.of("KBH-POLITI", "KK-BUF"));
		String meetingId = planned.text("/meetingId");
		String meeting = "/api/meetings/" + meetingId;
		Response proposal = propose(meeting);
		Response published = api().as("sekretariat")
			.header("If-Match", proposal.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).isEqualTo(200);

		List<MimeMessage> mails = mailsAbout(meetingId, "Dagsorden offentliggjort (version 1)", 2);
		assertThat(mails).hasSize(2);
		assertThat(mails.stream().map((mail) -> recipient(mail)).toList())
			.containsExactlyInAnyOrder("kbh-politi@example.invalid", "kk-buf@example.invalid");
		String whole = GreenMailUtil.getWholeMessage(mails.get(0));
		assertThat(mails.get(0).getSubject()).startsWith("Dagsorden offentliggjort (version 1)");
		assertThat(whole).contains("text/calendar", "method=REQUEST", "BEGIN:VCALENDAR");
		assertThat(whole).as("no personal data in the mail").doesNotContain("Testperson", "T.F.", caseNumber(caseId));

		Response pdf = api().as("politi").header("Accept", "application/pdf").get(meeting + "/agenda.pdf");
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.contentType()).startsWith("application/pdf");
		try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Dagsorden", "Koordineringsenheden i København", "2. september 2027",
					caseNumber(caseId), "Version 1");
			assertThat(itemBlock(text, caseNumber(caseId))).as("the police do not take part in that case")
				.doesNotContain("Borger");
		}
		try (PDDocument document = Loader.loadPDF(
				api().as("sekretariat").header("Accept", "application/pdf").get(meeting + "/agenda.pdf").bytes())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("Udkast");
			assertThat(itemBlock(text, caseNumber(caseId))).contains("Borger: T.F.");
		}

		Calendar first = calendar(api().as("buf").header("Accept", "text/calendar").get(meeting + "/invitation.ics"));
		VEvent event = first.getComponent(Component.VEVENT).map(VEvent.class::cast).orElseThrow();
		assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(meetingId + "@coordination");
		int sequence = Integer.parseInt(event.getProperty(Property.SEQUENCE).orElseThrow().getValue());

		Response moved = api().as("sekretariat")
			.header("If-Match", api().as("sekretariat").get(meeting).header("ETag").orElseThrow())
			.patch(meeting, Map.of("startsAt", "2027-09-02T13:00:00+02:00"));
		assertThat(moved.status()).isEqualTo(200);
		Calendar changed = calendar(api().as("buf").header("Accept", "text/calendar").get(meeting + "/invitation.ics"));
		VEvent changedEvent = changed.getComponent(Component.VEVENT).map(VEvent.class::cast).orElseThrow();
		assertThat(changedEvent.getUid().orElseThrow().getValue()).isEqualTo(meetingId + "@coordination");
		assertThat(Integer.parseInt(changedEvent.getProperty(Property.SEQUENCE).orElseThrow().getValue()))
			.isGreaterThan(sequence);
		assertThat(mailsAbout(meetingId, "Mødet er ændret", 2)).hasSize(2);
	}

	@Test
	void cancellingAPublishedMeetingSendsTheCancellationAndFreezesIt() throws Exception {
		String meetingId = plan("2027-10-07T09:00:00+02:00", List.of("KK-SOF")).text("/meetingId");
		String meeting = "/api/meetings/" + meetingId;
		Response proposal = propose(meeting);
		Response published = api().as("sekretariat")
			.header("If-Match", proposal.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(api().as("sof").post(meeting + "/cancel", Map.of()).status()).isEqualTo(403);
		Response cancelled = api().as("sekretariat")
			.header("If-Match", published.header("ETag").orElseThrow())
			.post(meeting + "/cancel", Map.of());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.text("/state")).isEqualTo("CANCELLED");

		Calendar ics = calendar(api().as("sof").header("Accept", "text/calendar").get(meeting + "/invitation.ics"));
		assertThat(ics.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
		VEvent event = ics.getComponent(Component.VEVENT).map(VEvent.class::cast).orElseThrow();
		assertThat(event.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
		assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(meetingId + "@coordination");
		List<MimeMessage> mails = mailsAbout(meetingId, "Mødet er aflyst", 1);
		assertThat(mails).hasSize(1);
		assertThat(GreenMailUtil.getWholeMessage(mails.get(0))).contains("method=CANCEL");
		assertThat(api().as("sekretariat")
			.header("If-Match", cancelled.header("ETag").orElseThrow())
			.patch(meeting, Map.of("location", "Et andet sted"))
			.status()).isEqualTo(409);
	}

	/**
	 * The mails about this meeting with this subject, waiting for {@code expected} of
	 * them.
	 */
	private static List<MimeMessage> mailsAbout(String meetingId, String subject, int expected) {
		return awaitMails((mail) -> subjectOf(mail).startsWith(subject)
				&& GreenMailUtil.getWholeMessage(mail).contains(meetingId), expected);
	}

	/** The printed lines of one case's item, from its case number to its reason. */
	private static String itemBlock(String text, String caseNumber) {
		int start = text.indexOf("Sag: " + caseNumber);
		assertThat(start).as(caseNumber + " is on the printed agenda").isNotNegative();
		return text.substring(start, text.indexOf("Begrundelse", start));
	}

	private static String recipient(MimeMessage mail) {
		try {
			return mail.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Calendar calendar(Response ics) throws Exception {
		assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
		assertThat(ics.contentType()).startsWith("text/calendar");
		return new CalendarBuilder().build(new java.io.StringReader(ics.body()));
	}

	private List<String> reads(String user, String caseId) {
		return api().as("auditor")
			.get("/api/audit/access-log?case=" + caseId)
			.json()
			.valueStream()
			.filter((entry) -> entry.get("username").asString().equals(user))
			.map((entry) -> entry.get("what").asString() + " " + entry.get("purpose").asString())
			.toList();
	}

	private Response plan(String startsAt, List<String> invited) {
		return api().as("sekretariat").post("/api/meetings", meetingBody(startsAt, invited));
	}

	private static Map<String, Object> meetingBody(String startsAt, List<String> invited) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt", startsAt);
		body.put("durationMinutes", 120);
		body.put("location", "Københavns Rådhus, mødelokale 3");
		body.put("invited", invited);
		return body;
	}

	private String caseWithNewInformation() {
		String cpr = FakeCpr.next();
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "OTHER")));
		move(caseId, "SCREENING");
		api().as("sof").post("/api/referrals", referral(cpr, "OTHER"));
		return caseId;
	}

	private void move(String caseId, String to) {
		String etag = api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
		Response moved = api().as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions", transition(to, null));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
	}

	private String caseNumber(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");
	}

	private static Map<String, String> reasonsByCase(JsonNode agenda) {
		Map<String, String> reasons = new LinkedHashMap<>();
		agenda.get("items").forEach((item) -> {
			if (item.hasNonNull("caseId")) {
				assertThat(reasons).as("a case is on the agenda once").doesNotContainKey(item.get("caseId").asString());
				reasons.put(item.get("caseId").asString(), item.get("reason").asString());
			}
		});
		return reasons;
	}

	private static JsonNode item(JsonNode agenda, String caseId) {
		return agenda.get("items")
			.valueStream()
			.filter((node) -> node.hasNonNull("caseId") && node.get("caseId").asString().equals(caseId))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> ids(Response meetings) {
		assertThat(meetings.status()).as(meetings.toString()).isEqualTo(200);
		return meetings.json().findValuesAsString("meetingId");
	}

	/** Proposes with the meeting's current ETag, as a client that has just read it. */
	private Response propose(String meeting) {
		return api().as("sekretariat").header("If-Match", etag(meeting)).post(meeting + "/agenda/proposal", Map.of());
	}

	private String etag(String meeting) {
		return api().as("sekretariat").get(meeting).header("ETag").orElseThrow();
	}

}
