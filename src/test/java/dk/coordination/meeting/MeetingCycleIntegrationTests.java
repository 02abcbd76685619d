package dk.coordination.meeting;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.transition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole meeting cycle with real tokens: publish, decide (moving the case, adding a
 * participant, giving a task, in one transaction marked in the case history), record
 * attendance, approve the minutes, and see the next proposal reflect what happened,
 * including reviews after closing.
 */
class MeetingCycleIntegrationTests extends IntegrationTestEnvironment {

	@AfterEach
	void realTime() {
		TestClock.reset();
	}

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private static final LocalDate TODAY = TestClock.today();

	@Test
	void decisionsMoveCasesInOneTransactionAndTheNextProposalReflectsThem() {
		String caseId = caseAwaitingMeeting(false);
		String other = caseAwaitingMeeting(false);
		String meeting = "/api/meetings/" + plan(TODAY.plusDays(7), List.of("KRIMINALFORSORGEN", "KK-BUF"));
		Response published = publish(meeting);
		String itemId = itemFor(published.json(), caseId);
		String otherItem = itemFor(published.json(), other);

		// a decision the workflow forbids changes nothing, not even its other parts
		Response forbidden = decide(meeting, otherItem, Map.of("minutes", "Drøftet", "transition",
				Map.of("to", "RECEIVED", "reason", "Tilbage"), "participants",
				List.of(Map.of("organisation", "KBH-POLITI", "legalBasis", "RETSPLEJELOVEN_115", "purpose", "x"))));
		assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(409);
		assertThat(api().as("sekretariat").get("/api/cases/" + other + "/participants").json()).isEmpty();
		assertThat(api().as("sekretariat").get(meeting + "/minutes").json().get("items").findValuesAsString("minutes"))
			.isEmpty();

		Map<String, Object> decision = new LinkedHashMap<>();
		decision.put("minutes", "Enheden vurderer bekymringen som begrundet. KiF følger op ved løsladelse.");
		decision.put("transition", Map.of("to", "ACTIVE", "reason", "Besluttet på mødet"));
		decision.put("participants", List.of(Map.of("organisation", "KRIMINALFORSORGEN", "legalBasis",
				"RETSPLEJELOVEN_115", "purpose", "Opfølgning ved løsladelse")));
		decision.put("tasks", List.of(Map.of("organisation", "KRIMINALFORSORGEN", "description",
				"Samtale før løsladelse", "dueDate", TODAY.plusDays(14).toString())));
		Response decided = decide(meeting, itemId, decision);
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		assertThat(decided.text("/minutes")).startsWith("Enheden vurderer");
		assertThat(decide(meeting, itemId, Map.of("minutes", "Igen")).status()).isEqualTo(409);

		Response theCase = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(theCase.text("/status")).isEqualTo("ACTIVE");
		assertThat(theCase.text("/followUpDate")).as("the unit's default of 30 days")
			.isEqualTo(TODAY.plusDays(30).toString());
		assertThat(theCase.json().get("participants").findValuesAsString("organisation")).contains("KRIMINALFORSORGEN");
		assertThat(theCase.json().get("tasks").findValuesAsString("description")).contains("Samtale før løsladelse");

		JsonNode fromMeeting = api().as("sekretariat")
			.get("/api/cases/" + caseId + "/history")
			.json()
			.valueStream()
			.filter((entry) -> entry.has("source"))
			.findFirst()
			.orElseThrow();
		assertThat(fromMeeting.get("source").asString()).startsWith("Møde ")
			.contains("punkt " + position(published.json(), itemId));
		assertThat(fromMeeting.get("changes").findValuesAsString("type")).contains("STATUS_CHANGED",
				"PARTICIPANT_ADDED", "TASK_GIVEN", "FOLLOW_UP_DATE_SET");

		Response attended = api().as("sekretariat")
			.header("If-Match", api().as("sekretariat").get(meeting).header("ETag").orElseThrow())
			.put(meeting + "/attendance",
					Map.of("attendees", List.of(Map.of("organisation", "KK-BIF", "person", "Sofie Sekretariatsen"),
							Map.of("organisation", "KRIMINALFORSORGEN", "person", "Karen Forsorgsen"))));
		assertThat(attended.status()).as(attended.toString()).isEqualTo(200);
		assertThat(api().as("kriminalforsorgen").get(meeting + "/minutes").status()).as("not approved yet")
			.isEqualTo(404);
		Response approved = api().as("sekretariat")
			.header("If-Match", attended.header("ETag").orElseThrow())
			.post(meeting + "/minutes/approve", Map.of());
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(api().as("sekretariat").get(meeting).text("/state")).isEqualTo("HELD");
		assertThat(decide(meeting, otherItem, Map.of("minutes", "For sent")).status()).isEqualTo(409);

		JsonNode minutes = api().as("kriminalforsorgen").get(meeting + "/minutes").json();
		assertThat(minutes.get("approved").asBoolean()).isTrue();
		assertThat(minutes.get("attendees").findValuesAsString("person")).contains("Karen Forsorgsen");
		assertThat(minutes.get("items").findValuesAsString("minutes")).contains(decided.text("/minutes"));
		JsonNode otherAsKif = minutes.get("items")
			.valueStream()
			.filter((item) -> item.get("caseNumber").asString().equals(caseNumber(other)))
			.findFirst()
			.orElseThrow();
		assertThat(otherAsKif.hasNonNull("caseId")).as("KiF does not take part in the other case").isFalse();

		String next = "/api/meetings/" + plan(TODAY.plusDays(45), List.of("KRIMINALFORSORGEN"));
		Response proposal = propose(next);
		assertThat(reason(proposal.json(), caseId)).as("its follow-up falls before the next meeting")
			.isEqualTo("FOLLOW_UP_DUE");
	}

	@Test
	void aClosedCaseIsReviewedAfterSixAndTwelveMonths() throws Exception {
		// the service's clock is set, so half a year passes without planning meetings
		// months ahead, and the dates are the same on every run
		LocalDate closedOn = LocalDate.of(2021, 3, 1);
		TestClock.setToday(closedOn);
		String caseId = caseAwaitingMeeting(false);
		Response closed = api().as("sekretariat")
			.header("If-Match", api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow())
			.post("/api/cases/" + caseId + "/transitions", transition("CLOSED", "HANDLED_BY_ONE_AUTHORITY"));
		assertThat(closed.status()).isEqualTo(200);
		List<String> scheduled = api().as("sekretariat")
			.get("/api/cases/" + caseId + "/history")
			.json()
			.findValuesAsString("dueDate");
		assertThat(scheduled).contains("2021-09-01", "2022-03-01");

		TestClock.setToday(LocalDate.of(2021, 8, 20));
		String early = "/api/meetings/" + plan(LocalDate.of(2021, 8, 26), List.of("KK-BUF"));
		assertThat(reason(propose(early).json(), caseId)).isNull();
		assertThat(api().as("sekretariat").get("/api/follow-ups").json().findValuesAsString("caseId"))
			.doesNotContain(caseId);

		TestClock.setToday(LocalDate.of(2021, 9, 2));
		assertThat(api().as("sekretariat")
			.get("/api/follow-ups")
			.json()
			.valueStream()
			.filter((item) -> item.get("caseId").asString().equals(caseId))
			.map((item) -> item.get("kind").asString() + " " + item.get("date").asString())).as("due on the day")
			.containsExactly("REVIEW_DUE 2021-09-01");
		String meeting = "/api/meetings/" + plan(LocalDate.of(2021, 9, 4), List.of("KK-BUF"));
		Response published = publish(meeting);
		assertThat(reason(published.json(), caseId)).isEqualTo("REVIEW_DUE");
		assertThat(item(published.json(), caseId).get("reasonText").asString()).isEqualTo("Gennemgang af lukket sag");
		assertThat(item(published.json(), caseId).get("title").asString()).endsWith(": Gennemgang af lukket sag");
		try (PDDocument pdf = Loader.loadPDF(
				api().as("sekretariat").header("Accept", "application/pdf").get(meeting + "/agenda.pdf").bytes())) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Gennemgang af lukket sag")
				.doesNotContain("REVIEW_DUE");
		}
		Response confirmed = decide(meeting, itemFor(published.json(), caseId),
				Map.of("minutes", "Ingen nye bekymringer; lukningen står ved magt."));
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
		JsonNode history = api().as("sekretariat").get("/api/cases/" + caseId + "/history").json();
		JsonNode decision = history.findParents("type")
			.stream()
			.filter((change) -> change.get("type").asString().equals("REVIEW_DECIDED"))
			.findFirst()
			.orElseThrow();
		assertThat(decision.get("state").asString()).isEqualTo("CONFIRMED");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("CLOSED");

		TestClock.setToday(LocalDate.of(2022, 3, 2));
		String later = "/api/meetings/" + plan(LocalDate.of(2022, 3, 4), List.of("KK-BUF"));
		Response second = publish(later);
		Response reopened = decide(later, itemFor(second.json(), caseId), Map.of("minutes", "Ny bekymring fra skolen",
				"transition", Map.of("to", "SCREENING", "reason", "Genåbnet ved opfølgning")));
		assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("SCREENING");
	}

	private String plan(LocalDate day, List<String> invited) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt", day.atTime(LocalTime.of(9, 0)).atZone(DANISH_TIME).toOffsetDateTime().toString());
		body.put("durationMinutes", 90);
		body.put("location", "Københavns Rådhus");
		body.put("invited", invited);
		Response planned = api().as("sekretariat").post("/api/meetings", body);
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		return planned.text("/meetingId");
	}

	private Response publish(String meeting) {
		Response proposal = propose(meeting);
		Response published = api().as("sekretariat")
			.header("If-Match", proposal.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		return published;
	}

	private Response decide(String meeting, String itemId, Map<String, Object> decision) {
		return api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/items/" + itemId + "/decision", decision);
	}

	private String caseNumber(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");
	}

	/**
	 * The id of the agenda's item about this case (the meeting tests and pages use it).
	 */
	static String itemFor(JsonNode agenda, String caseId) {
		return item(agenda, caseId).get("id").asString();
	}

	private static int position(JsonNode agenda, String itemId) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.get("id").asString().equals(itemId))
			.findFirst()
			.orElseThrow()
			.get("position")
			.asInt();
	}

	private static String reason(JsonNode agenda, String caseId) {
		JsonNode item = item(agenda, caseId);
		return (item != null) ? item.get("reason").asString() : null;
	}

	private static JsonNode item(JsonNode agenda, String caseId) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.hasNonNull("caseId") && item.get("caseId").asString().equals(caseId))
			.findFirst()
			.orElse(null);
	}

	/** Proposes with the meeting's current ETag, as a client that has just read it. */
	private Response propose(String meeting) {
		return api().as("sekretariat").header("If-Match", etag(meeting)).post(meeting + "/agenda/proposal", Map.of());
	}

	private String etag(String meeting) {
		return api().as("sekretariat").get(meeting).header("ETag").orElseThrow();
	}

}
