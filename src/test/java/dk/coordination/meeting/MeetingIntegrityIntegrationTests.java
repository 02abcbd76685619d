package dk.coordination.meeting;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.Race;
import dk.coordination.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record of a meeting holds: a decided item keeps its place and minutes (in the
 * service and in the database), decisions are taken on the published agenda only, every
 * change needs the ETag of the state it was made on, every answer carrying initials or
 * minutes is a logged read, and urgent concerns come first, marked.
 */
class MeetingIntegrityIntegrationTests extends IntegrationTestEnvironment {

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void realTime() {
		TestClock.reset();
	}

	@Test
	void aDecidedItemKeepsItsPlaceAndItsMinutes() {
		String caseId = caseAwaitingMeeting(false);
		String meeting = plan(LocalDate.of(2027, 11, 4));
		propose(meeting);
		Response first = addFree(meeting, "Orientering fra politiet");
		addFree(meeting, "Eventuelt");
		// the free item first, the case second, "Eventuelt" last
		String police = idOf(first.json(), "Orientering fra politiet");
		String caseItem = itemOf(first.json(), caseId).get("id").asString();
		Response withLast = api().as("sekretariat").get(meeting + "/agenda");
		String last = idOf(withLast.json(), "Eventuelt");
		List<String> order = new ArrayList<>(withLast.json().get("items").findValuesAsString("id"));
		order.remove(police);
		order.remove(caseItem);
		order.remove(last);
		order.add(0, police);
		order.add(1, caseItem);
		order.add(last);
		Response ordered = api().as("sekretariat")
			.header("If-Match", withLast.header("ETag").orElseThrow())
			.put(meeting + "/agenda/order", Map.of("itemIds", order));
		assertThat(ordered.status()).as(ordered.toString()).isEqualTo(200);
		publish(meeting);

		Response decided = decide(meeting, caseItem, "Drøftet; sagen afventer oplysninger fra skolen.");
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		assertThat(decided.text("/minutes")).isEqualTo("Drøftet; sagen afventer oplysninger fra skolen.");
		assertThat(decided.json().get("position").asInt()).isEqualTo(2);

		Response removed = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.delete(meeting + "/agenda/items/" + caseItem);
		assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
		assertThat(removed.text("/detail")).startsWith("Item 2 (\"Sag ")
			.endsWith("has its decision; it stays on the agenda at place 2.");

		Response movingUp = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.delete(meeting + "/agenda/items/" + police);
		assertThat(movingUp.status()).as(movingUp.toString()).isEqualTo(409);
		assertThat(movingUp.text("/detail")).startsWith("Removing item 1 would move item 2 (\"Sag ")
			.endsWith("has its decision; it stays on the agenda at place 2.");

		List<String> swapped = new ArrayList<>(order);
		swapped.set(0, caseItem);
		swapped.set(1, police);
		Response moved = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.put(meeting + "/agenda/order", Map.of("itemIds", swapped));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(409);
		assertThat(moved.text("/detail")).startsWith("Item 2 (\"Sag ").contains("has its decision");

		// undecided items after it still move and go
		List<String> tailSwapped = new ArrayList<>(order);
		tailSwapped.remove(last);
		tailSwapped.add(2, last);
		Response tailMoved = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.put(meeting + "/agenda/order", Map.of("itemIds", tailSwapped));
		assertThat(tailMoved.status()).as(tailMoved.toString()).isEqualTo(200);
		assertThat(itemOf(tailMoved.json(), caseId).get("position").asInt()).isEqualTo(2);
		Response lastRemoved = api().as("sekretariat")
			.header("If-Match", tailMoved.header("ETag").orElseThrow())
			.delete(meeting + "/agenda/items/" + last);
		assertThat(lastRemoved.status()).as(lastRemoved.toString()).isEqualTo(200);

		Response again = decide(meeting, caseItem, "Overskrevet");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("/detail")).isEqualTo("Item 2 already has its decision.");

		// the database refuses the same, whatever path a change takes
		assertThatThrownBy(
				() -> this.jdbc.sql("delete from agenda_item where id = cast(? as uuid)").param(caseItem).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("has its decision");
		assertThatThrownBy(() -> this.jdbc.sql("update agenda_item set minutes = 'x' where id = cast(? as uuid)")
			.param(caseItem)
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("has its decision");
		assertThatThrownBy(() -> this.jdbc.sql("update agenda_item set decided_at = null where id = cast(? as uuid)")
			.param(caseItem)
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("has its decision");
		JsonNode minutes = api().as("sekretariat").get(meeting + "/minutes").json();
		assertThat(minutes.get("items")
			.valueStream()
			.filter((item) -> item.get("itemId").asString().equals(caseItem))
			.findFirst()
			.orElseThrow()
			.get("minutes")
			.asString()).isEqualTo("Drøftet; sagen afventer oplysninger fra skolen.");
	}

	@Test
	void decisionsAreTakenOnThePublishedVersionOnly() {
		String meeting = plan(LocalDate.of(2027, 11, 11));
		addFree(meeting, "Orientering fra kommunen");
		publish(meeting);
		Response added = addFree(meeting, "Nyt punkt efter offentliggørelsen");
		String late = idOf(added.json(), "Nyt punkt efter offentliggørelsen");
		int position = itemById(added.json(), late).get("position").asInt();

		Response refused = decide(meeting, late, "Drøftet");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.text("/detail")).isEqualTo("Item " + position
				+ " (\"Nyt punkt efter offentliggørelsen\") was added after version 1 of the agenda was published; "
				+ "publish a new version before recording its decision.");
		assertThat(api().as("sekretariat").get(meeting + "/minutes").json().get("items").findValuesAsString("minutes"))
			.isEmpty();

		publish(meeting);
		Response decided = decide(meeting, late, "Drøftet");
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		assertThat(decided.text("/minutes")).isEqualTo("Drøftet");
	}

	@Test
	void proposingAndDecidingNeedTheETagOfTheStateTheyChange() {
		String meeting = plan(LocalDate.of(2027, 11, 18));
		String planned = etag(meeting);
		Response without = api().as("sekretariat").post(meeting + "/agenda/proposal", Map.of());
		assertThat(without.status()).isEqualTo(428);
		assertThat(without.text("/detail")).isEqualTo("Send If-Match with the ETag of the meeting and its agenda as "
				+ "you last read it, so you do not overwrite a change you have not seen.");
		Response proposal = api().as("sekretariat")
			.header("If-Match", planned)
			.post(meeting + "/agenda/proposal", Map.of());
		assertThat(proposal.status()).as(proposal.toString()).isEqualTo(200);
		assertThat(proposal.header("ETag").orElseThrow()).isNotEqualTo(planned)
			.isEqualTo(etag(meeting))
			.isEqualTo(api().as("sekretariat").get(meeting + "/agenda").header("ETag").orElseThrow());
		Response stale = api().as("sekretariat")
			.header("If-Match", planned)
			.post(meeting + "/agenda/proposal", Map.of());
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.text("/detail"))
			.startsWith("The state of the meeting and its agenda has changed since you read it");

		String item = idOf(addFree(meeting, "Orientering").json(), "Orientering");
		Response published = publish(meeting);
		Response noETag = api().as("sekretariat")
			.post(meeting + "/items/" + item + "/decision", Map.of("minutes", "Drøftet"));
		assertThat(noETag.status()).isEqualTo(428);
		assertThat(noETag.text("/detail")).startsWith("Send If-Match with the ETag of the meeting and its agenda");
		Response decided = api().as("sekretariat")
			.header("If-Match", published.header("ETag").orElseThrow())
			.post(meeting + "/items/" + item + "/decision", Map.of("minutes", "Drøftet"));
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		assertThat(decided.header("ETag").orElseThrow()).isEqualTo(etag(meeting))
			.isNotEqualTo(published.header("ETag").orElseThrow());
		Response staleDecision = api().as("sekretariat")
			.header("If-Match", published.header("ETag").orElseThrow())
			.post(meeting + "/items/" + item + "/decision", Map.of("minutes", "Igen"));
		assertThat(staleDecision.status()).isEqualTo(412);
	}

	@Test
	void everyAgendaEditGivesANewETagEvenWhenTheClockStandsStill() {
		// a fixed clock writes the same updated_at twice; the version must grow anyway
		TestClock.setToday(LocalDate.of(2031, 2, 3));
		String meeting = plan(LocalDate.of(2031, 2, 10));
		Response first = addFree(meeting, "Første punkt");
		Response second = api().as("sekretariat")
			.header("If-Match", first.header("ETag").orElseThrow())
			.post(meeting + "/agenda/items", Map.of("title", "Andet punkt"));
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(second.header("ETag").orElseThrow()).isNotEqualTo(first.header("ETag").orElseThrow());
		Response stale = api().as("sekretariat")
			.header("If-Match", first.header("ETag").orElseThrow())
			.post(meeting + "/agenda/items", Map.of("title", "Tredje punkt"));
		assertThat(stale.status()).as("the ETag from before the second edit").isEqualTo(412);
	}

	@Test
	void ofConcurrentEditsWithTheSameETagOneGoesThrough() throws Exception {
		racingEdits(LocalDate.of(2027, 12, 2));
	}

	@Test
	void ofConcurrentEditsWithTheSameETagOneGoesThroughWhenTheClockStandsStill() throws Exception {
		// the row does not differ on a fixed clock: the lock is Hibernate's forced
		// increment then, not the stamped change
		TestClock.setToday(LocalDate.of(2031, 3, 3));
		racingEdits(LocalDate.of(2031, 3, 10));
	}

	private void racingEdits(LocalDate day) throws Exception {
		String meeting = plan(day);
		String seen = etag(meeting);
		AtomicInteger titles = new AtomicInteger();
		List<Response> answers = Race.of(4,
				() -> api().as("sekretariat")
					.header("If-Match", seen)
					.post(meeting + "/agenda/items", Map.of("title", "Punkt " + titles.incrementAndGet())));
		assertThat(answers).as(answers.toString())
			.extracting(Response::status)
			.containsExactlyInAnyOrder(200, 412, 412, 412);
		// a loser either saw the winner's version already or lost the race for the row
		assertThat(answers.stream().filter((answer) -> answer.status() == 412).map((answer) -> answer.text("/detail")))
			.allSatisfy((detail) -> assertThat(detail).satisfiesAnyOf(
					(text) -> assertThat(text)
						.startsWith("The state of the meeting and its agenda has changed since you read it"),
					(text) -> assertThat(text)
						.isEqualTo("The resource was changed by someone else meanwhile; fetch it again and retry.")));
		Response agenda = api().as("sekretariat").get(meeting + "/agenda");
		assertThat(agenda.json().get("items").size()).isEqualTo(1);
		assertThat(agenda.header("ETag").orElseThrow()).isNotEqualTo(seen);
	}

	@Test
	void answersToEditsAndDecisionsAreLoggedReads() {
		String caseId = caseAwaitingMeeting(false);
		String meeting = plan(LocalDate.of(2027, 12, 2));
		assertThat(reads(caseId)).isEmpty();

		Response proposal = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.header("X-Purpose", "Dagsorden til decembermodet")
			.post(meeting + "/agenda/proposal", Map.of());
		assertThat(itemOf(proposal.json(), caseId).get("subjectInitials").asString()).isEqualTo("T.F.");
		assertThat(reads(caseId)).containsExactly("MEETING_AGENDA Dagsorden til decembermodet");

		Response withFree = addFree(meeting, "Orientering");
		assertThat(reads(caseId)).hasSize(2).last().isEqualTo("MEETING_AGENDA Mødeforberedelse");
		List<String> reversed = new ArrayList<>(withFree.json().get("items").findValuesAsString("id"));
		java.util.Collections.reverse(reversed);
		assertThat(api().as("sekretariat")
			.header("If-Match", withFree.header("ETag").orElseThrow())
			.put(meeting + "/agenda/order", Map.of("itemIds", reversed))
			.status()).isEqualTo(200);
		assertThat(reads(caseId)).hasSize(3);
		Response removed = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.delete(meeting + "/agenda/items/" + idOf(withFree.json(), "Orientering"));
		assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
		assertThat(reads(caseId)).hasSize(4);
		Response published = publish(meeting);
		assertThat(reads(caseId)).hasSize(5).last().isEqualTo("MEETING_AGENDA Mødeforberedelse");

		String item = itemOf(published.json(), caseId).get("id").asString();
		assertThat(decide(meeting, item, "Drøftet").status()).isEqualTo(200);
		assertThat(reads(caseId)).hasSize(6).last().isEqualTo("MEETING_MINUTES Mødereferat");
		Response attended = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.put(meeting + "/attendance",
					Map.of("attendees", List.of(Map.of("organisation", "KK-BIF", "person", "Sofie Sekretariatsen"))));
		assertThat(attended.status()).as(attended.toString()).isEqualTo(200);
		assertThat(reads(caseId)).hasSize(7).last().isEqualTo("MEETING_MINUTES Mødereferat");
		Response approved = api().as("sekretariat")
			.header("If-Match", attended.header("ETag").orElseThrow())
			.post(meeting + "/minutes/approve", Map.of());
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(reads(caseId)).hasSize(8).last().isEqualTo("MEETING_MINUTES Mødereferat");
		// a refused change is not a read
		assertThat(api().as("sekretariat").post(meeting + "/minutes/approve", Map.of()).status()).isEqualTo(428);
		assertThat(reads(caseId)).hasSize(8);
	}

	@Test
	void urgentConcernsComeFirstAndAreMarked() {
		String ordinary = caseAwaitingMeeting(false);
		String urgent = caseAwaitingMeeting(true);
		String meeting = plan(LocalDate.of(2027, 12, 9));
		Response proposal = propose(meeting);
		assertThat(itemOf(proposal.json(), urgent).get("urgent").asBoolean()).isTrue();
		assertThat(itemOf(proposal.json(), ordinary).get("urgent").asBoolean()).isFalse();
		assertThat(position(proposal.json(), urgent)).isLessThan(position(proposal.json(), ordinary));
		assertUrgentFirst(proposal.json().get("items"));

		// a later urgent case goes ahead of the ordinary items already on the draft
		String later = caseAwaitingMeeting(true);
		Response again = propose(meeting);
		assertThat(position(again.json(), later)).isLessThan(position(again.json(), ordinary));
		assertUrgentFirst(again.json().get("items"));

		Response published = publish(meeting);
		assertThat(itemOf(published.json(), urgent).get("urgent").asBoolean()).isTrue();
		String policeCase = api().as("sekretariat").get("/api/cases/" + urgent).text("/caseNumber");
		JsonNode asPolice = api().as("politi")
			.get(meeting + "/agenda")
			.json()
			.get("items")
			.valueStream()
			.filter((item) -> item.hasNonNull("caseNumber") && item.get("caseNumber").asString().equals(policeCase))
			.findFirst()
			.orElseThrow();
		assertThat(asPolice.get("urgent").isNull()).as("the police see only the number of a case they are not in")
			.isTrue();

		// the follow-up list too: as of a day the urgent case's follow-up has come
		LocalDate day = LocalDate.of(2032, 3, 1);
		for (String caseId : List.of(urgent, ordinary)) {
			Response read = api().as("sekretariat").get("/api/cases/" + caseId);
			assertThat(api().as("sekretariat")
				.header("If-Match", read.header("ETag").orElseThrow())
				.put("/api/cases/" + caseId + "/follow-up", Map.of("date", day.toString()))
				.status()).isEqualTo(200);
		}
		TestClock.setToday(day);
		Response list = api().as("sekretariat").get("/api/follow-ups");
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode mine = list.json()
			.valueStream()
			.filter((item) -> item.get("caseId").asString().equals(urgent))
			.findFirst()
			.orElseThrow();
		assertThat(mine.get("kind").asString()).isEqualTo("CASE_FOLLOW_UP");
		assertThat(mine.get("urgent").asBoolean()).isTrue();
		assertUrgentFirst(list.json());
		List<String> listed = list.json().findValuesAsString("caseId");
		assertThat(listed).as("the ordinary case is listed too, after the urgent one")
			.containsSubsequence(urgent, ordinary);
		assertThat(list.json()
			.valueStream()
			.filter((item) -> item.get("caseId").asString().equals(ordinary))
			.allMatch((item) -> !item.get("urgent").asBoolean())).isTrue();
	}

	private static void assertUrgentFirst(JsonNode items) {
		boolean ordinarySeen = false;
		for (JsonNode item : items) {
			if (item.hasNonNull("caseId")) {
				boolean urgent = item.get("urgent").asBoolean();
				assertThat(urgent && ordinarySeen).as("urgent item after an ordinary one: " + item).isFalse();
				ordinarySeen |= !urgent;
			}
		}
	}

	/** The access log entries of the secretariat's reads of the case, oldest first. */
	private List<String> reads(String caseId) {
		Response log = api().as("auditor").get("/api/audit/access-log?case=" + caseId);
		assertThat(log.status()).as(log.toString()).isEqualTo(200);
		List<String> reads = new ArrayList<>(log.json()
			.valueStream()
			.filter((entry) -> entry.get("username").asString().equals("sekretariat"))
			.filter((entry) -> entry.get("what").asString().startsWith("MEETING_"))
			.map((entry) -> entry.get("what").asString() + " " + entry.get("purpose").asString())
			.toList());
		java.util.Collections.reverse(reads);
		return reads;
	}

	private String plan(LocalDate day) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt", day.atTime(LocalTime.of(9, 0)).atZone(DANISH_TIME).toOffsetDateTime().toString());
		body.put("durationMinutes", 90);
		body.put("location", "Københavns Rådhus");
		body.put("invited", List.of("KBH-POLITI"));
		Response planned = api().as("sekretariat").post("/api/meetings", body);
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		return "/api/meetings/" + planned.text("/meetingId");
	}

	private Response propose(String meeting) {
		Response proposal = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/agenda/proposal", Map.of());
		assertThat(proposal.status()).as(proposal.toString()).isEqualTo(200);
		return proposal;
	}

	private Response addFree(String meeting, String title) {
		Response added = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/agenda/items", Map.of("title", title));
		assertThat(added.status()).as(added.toString()).isEqualTo(200);
		return added;
	}

	private Response publish(String meeting) {
		Response published = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		return published;
	}

	private Response decide(String meeting, String itemId, String minutes) {
		return api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/items/" + itemId + "/decision", Map.of("minutes", minutes));
	}

	private String etag(String meeting) {
		return api().as("sekretariat").get(meeting).header("ETag").orElseThrow();
	}

	private static JsonNode itemOf(JsonNode agenda, String caseId) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.hasNonNull("caseId") && item.get("caseId").asString().equals(caseId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no item about case " + caseId + " in " + agenda));
	}

	private static JsonNode itemById(JsonNode agenda, String itemId) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.get("id").asString().equals(itemId))
			.findFirst()
			.orElseThrow();
	}

	private static String idOf(JsonNode agenda, String title) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.get("title").asString().equals(title))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no item '" + title + "' in " + agenda))
			.get("id")
			.asString();
	}

	private static int position(JsonNode agenda, String caseId) {
		return itemOf(agenda, caseId).get("position").asInt();
	}

}
