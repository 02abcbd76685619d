package dk.coordination.meeting;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.AccessMatrix;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Need to know for meetings, proven like the case matrix: every meeting endpoint × every
 * demo user × how the user's organisation stands to the meeting (part: invited and taking
 * part in the case on its agenda; inv: invited only; unr: not invited), under model 1 and
 * model 2, with real tokens. {@code agenda.initials} classifies what a published agenda
 * shows of the person: initials only to the secretariat and to organisations taking part
 * in the case. Both matrices are written to {@code target/meeting-matrix-MODEL_*.txt}.
 * <p>
 * Each changing cell gets a meeting of its own with one case item, published, so no
 * answer depends on another cell.
 */
class MeetingAuthorizationMatrixIntegrationTests extends IntegrationTestEnvironment {

	private static final List<String> RELATIONS = List.of("part", "inv", "unr");

	private static final Map<String, String> ORGANISATION = Map.of("sekretariat", "KK-BIF", "politi", "KBH-POLITI",
			"kriminalforsorgen", "KRIMINALFORSORGEN", "buf", "KK-BUF", "sof", "KK-SOF", "auditor", "KK-BIF", "admin",
			"KK-BIF");

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private static final LocalDate DAY = TestClock.today().plusDays(40);

	// the same answers for each of the four organisations that are not secretariat
	private static final String OTHERS = """
			meeting.get            200  200  404
			meetings.list          listed listed absent
			agenda.get             200  200  404
			agenda.initials        initials none 404
			agenda.pdf             200  200  404
			invitation.ics         200  200  404
			minutes.get            404  404  404
			meeting.post           403  403  403
			meeting.patch          403  403  404
			meeting.cancel         403  403  404
			agenda.propose         403  403  404
			agenda.item.post       403  403  404
			agenda.item.delete     403  403  404
			agenda.order.put       403  403  404
			agenda.publish         403  403  404
			decision.post          403  403  404
			attendance.put         403  403  404
			minutes.approve        403  403  404
			""";

	private static final String SECRETARIAT = """
			meeting.get            200  200  200
			meetings.list          listed listed listed
			agenda.get             200  200  200
			agenda.initials        initials initials initials
			agenda.pdf             200  200  200
			invitation.ics         200  200  200
			minutes.get            200  200  200
			meeting.post           201  201  201
			meeting.patch          200  200  200
			meeting.cancel         200  200  200
			agenda.propose         200  200  200
			agenda.item.post       200  200  200
			agenda.item.delete     200  200  200
			agenda.order.put       200  200  200
			agenda.publish         200  200  200
			decision.post          200  200  200
			attendance.put         200  200  200
			minutes.approve        200  200  200
			""";

	private final AccessMatrix<Fixture> matrix = new AccessMatrix<>(RELATIONS);

	private String secretariat;

	{
		this.matrix.read("meeting.get", (api, f) -> api.get(f.path()));
		this.matrix.read("meetings.list",
				(api, f) -> listed(api.get("/api/meetings?unit=KBH&from=" + DAY + "&to=" + DAY.plusDays(1)), f));
		this.matrix.read("agenda.get", (api, f) -> api.get(f.path() + "/agenda?version=1"));
		this.matrix.read("agenda.initials", (api, f) -> initials(api.get(f.path() + "/agenda?version=1"), f));
		this.matrix.read("agenda.pdf",
				(api, f) -> api.header("Accept", "application/pdf").get(f.path() + "/agenda.pdf?version=1"));
		this.matrix.read("invitation.ics",
				(api, f) -> api.header("Accept", "text/calendar").get(f.path() + "/invitation.ics"));
		this.matrix.read("minutes.get", (api, f) -> api.get(f.path() + "/minutes"));
		this.matrix.change("meeting.post", (api, f) -> api.post("/api/meetings", meeting(List.of("KK-SSP"))));
		this.matrix.change("meeting.patch",
				(api, f) -> api.header("If-Match", f.etag()).patch(f.path(), Map.of("location", "Rådhuset, lokale 2")));
		this.matrix.change("meeting.cancel",
				(api, f) -> api.header("If-Match", f.etag()).post(f.path() + "/cancel", Map.of()));
		this.matrix.change("agenda.propose",
				(api, f) -> api.header("If-Match", f.etag()).post(f.path() + "/agenda/proposal", Map.of()));
		this.matrix.change("agenda.item.post", (api, f) -> api.header("If-Match", f.etag())
			.post(f.path() + "/agenda/items", Map.of("title", "Orientering fra politiet")));
		this.matrix.change("agenda.item.delete",
				(api, f) -> api.header("If-Match", f.etag()).delete(f.path() + "/agenda/items/" + f.itemId()));
		this.matrix.change("agenda.order.put", (api, f) -> api.header("If-Match", f.etag())
			.put(f.path() + "/agenda/order", Map.of("itemIds", List.of(f.itemId()))));
		this.matrix.change("agenda.publish",
				(api, f) -> api.header("If-Match", f.etag()).post(f.path() + "/agenda/publish", Map.of()));
		this.matrix.change("decision.post", (api, f) -> api.header("If-Match", f.etag())
			.post(f.path() + "/items/" + f.itemId() + "/decision", Map.of("minutes", "Drøftet")));
		this.matrix.change("attendance.put", (api, f) -> api.header("If-Match", f.etag())
			.put(f.path() + "/attendance",
					Map.of("attendees", List.of(Map.of("organisation", "KK-BIF", "person", "Fiktiv Mødeleder")))));
		this.matrix.change("minutes.approve",
				(api, f) -> api.header("If-Match", f.etag()).post(f.path() + "/minutes/approve", Map.of()));
	}

	@Test
	void underModel1EveryMeetingEndpointAnswersEveryUserAsTheAccessRulesSay() throws Exception {
		assertMatrix("MODEL_1", "sekretariat", table("sekretariat"));
	}

	@Test
	void underModel2EveryMeetingEndpointAnswersEveryUserAsTheAccessRulesSay() throws Exception {
		switchTo("MODEL_2");
		try {
			assertMatrix("MODEL_2", "politi", table("politi"));
		}
		finally {
			switchTo("MODEL_1");
		}
	}

	/**
	 * The expected table: the secretariat's column block for the user who is secretariat,
	 * the others' for every other staff user, 403 throughout for auditor and admin (the
	 * security rules keep them off the meeting endpoints).
	 */
	private Map<String, List<String>> table(String secretariatUser) {
		Map<String, List<String>> secretariat = this.matrix.parse(SECRETARIAT, RELATIONS.size());
		Map<String, List<String>> others = this.matrix.parse(OTHERS, RELATIONS.size());
		Map<String, List<String>> table = new LinkedHashMap<>();
		for (String endpoint : secretariat.keySet()) {
			List<String> row = new ArrayList<>();
			for (String user : AccessMatrix.USERS) {
				if (user.equals("auditor") || user.equals("admin")) {
					row.addAll(List.of("403", "403", "403"));
				}
				else {
					row.addAll((user.equals(secretariatUser) ? secretariat : others).get(endpoint));
				}
			}
			table.put(endpoint, row);
		}
		return table;
	}

	private void assertMatrix(String model, String secretariat, Map<String, List<String>> expected) throws Exception {
		this.secretariat = secretariat;
		this.matrix.check(api(), expected, this::fixture, model, Path.of("target", "meeting-matrix-" + model + ".txt"));
	}

	/**
	 * A published meeting with one case item. The case is sent by an organisation other
	 * than the user's; part: the user's organisation is invited and takes part in the
	 * case; inv: invited only; unr: neither. KK-SSP is always invited.
	 */
	private Fixture fixture(String user, String relation) {
		String organisation = ORGANISATION.get(user);
		String sender = organisation.equals("KK-SOF") ? "buf" : "sof";
		Response created = api().as(sender).post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		String caseId = caseIdOf(created);
		if (relation.equals("part")) {
			Response added = api().as(this.secretariat)
				.post("/api/cases/" + caseId + "/participants",
						Map.of("organisation", organisation, "legalBasis", "RETSPLEJELOVEN_115", "purpose", "matrix"));
			assertThat(added.status()).as(added.toString()).isEqualTo(201);
		}
		List<String> invited = relation.equals("unr") ? List.of("KK-SSP") : List.of("KK-SSP", organisation);
		Response planned = api().as(this.secretariat).post("/api/meetings", meeting(invited));
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		String path = "/api/meetings/" + planned.text("/meetingId");
		Response item = api().as(this.secretariat)
			.header("If-Match", planned.header("ETag").orElseThrow())
			.post(path + "/agenda/items", Map.of("caseId", caseId));
		assertThat(item.status()).as(item.toString()).isEqualTo(200);
		Response published = api().as(this.secretariat)
			.header("If-Match", item.header("ETag").orElseThrow())
			.post(path + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		return new Fixture(planned.text("/meetingId"), path, caseId,
				item.json().get("items").get(0).get("id").asString(), published.header("ETag").orElseThrow());
	}

	private static Map<String, Object> meeting(List<String> invited) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt", DAY.atTime(LocalTime.of(9, 0)).atZone(DANISH_TIME).toOffsetDateTime().toString());
		body.put("durationMinutes", 90);
		body.put("location", "Københavns Rådhus");
		body.put("invited", invited);
		return body;
	}

	private void switchTo(String model) {
		Response switched = api().as("admin")
			.put("/api/units/KBH/secretariat-model", Map.of("model", model, "reason", "Mødematrix under " + model));
		assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
	}

	private static Object listed(Response list, Fixture fixture) {
		if (list.status() != 200) {
			return list;
		}
		return list.json().findValuesAsString("meetingId").contains(fixture.meetingId()) ? "listed" : "absent";
	}

	/** Whether the published agenda shows the person's initials on the case's item. */
	private static Object initials(Response agenda, Fixture fixture) {
		if (agenda.status() != 200) {
			return agenda;
		}
		for (JsonNode item : agenda.json().get("items")) {
			if (item.get("id").asString().equals(fixture.itemId())) {
				return item.hasNonNull("subjectInitials") ? "initials" : "none";
			}
		}
		return "item-missing";
	}

	private record Fixture(String meetingId, String path, String caseId, String itemId, String etag) {
	}

}
