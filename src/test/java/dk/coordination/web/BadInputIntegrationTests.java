package dk.coordination.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside probe found answering 500 or a misleading 409, one assertion each: bad
 * input is a 400 (or 415) problem naming the field, the stack behind the service never
 * shows, and nothing is stored.
 */
class BadInputIntegrationTests extends IntegrationTestEnvironment {

	private static final String ABSURD_INSTANT = "+999999999-12-31T23:59:59Z";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private BadInputFixture fixture;

	@BeforeEach
	void resources() {
		this.fixture = BadInputFixture.create(api(), this.jdbc);
		TableSnapshot.awaitQuiet(this.jdbc, this.fixture.createdFrom());
	}

	@Test
	void aWildcardContentTypeIsAnUnsupportedMediaTypeAndAMalformedAcceptIsRefused() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		for (String contentType : List.of("application/*", "*/*", "text/*")) {
			Response response = api().as("buf")
				.header("Content-Type", contentType)
				.post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
			assertProblem(response, 415);
			assertThat(response.text("/detail")).as(contentType).contains("Content-Type");
		}
		Response malformedAccept = api().as("buf")
			.header("Accept", "garbage")
			.post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertProblem(malformedAccept, 400);
		assertThat(malformedAccept.text("/detail")).contains("Accept");
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	@Test
	void absurdDatesAreRefusedNamingTheField() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		Map<String, Object> meeting = new LinkedHashMap<>(Map.of("unit", "KBH", "startsAt", ABSURD_INSTANT,
				"durationMinutes", 60, "location", "Rådhuset", "invited", List.of("KBH-POLITI")));
		assertField(api().as("sekretariat").post("/api/meetings", meeting), "startsAt",
				"must be between 2000-01-01 and 2100-12-31");
		meeting.put("startsAt", "1999-12-31T10:00:00+01:00");
		assertField(api().as("sekretariat").post("/api/meetings", meeting), "startsAt", "2000-01-01");

		assertField(
				api().as("sekretariat")
					.header("If-Match", "\"0\"")
					.patch("/api/meetings/" + this.fixture.meetingId(), Map.of("startsAt", ABSURD_INSTANT)),
				"startsAt", "2100-12-31");
		assertField(api().as("sekretariat").get("/api/meetings?unit=KBH&from=%2B999999999-12-31"), "from",
				"2100-12-31");
		assertField(api().as("sekretariat").get("/api/meetings?unit=KBH&to=-999999999-01-01"), "to", "2000-01-01");

		String cursor = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((ABSURD_INSTANT + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
		assertField(api().as("sekretariat").get("/api/cases?cursor=" + cursor), "cursor", "cursor");

		// dates PostgreSQL cannot store (its dates end in 5874897) and dates nobody means
		assertField(
				api().as("sekretariat")
					.header("If-Match", "\"0\"")
					.put("/api/cases/" + this.fixture.caseId() + "/follow-up", Map.of("date", "+5874898-01-01")),
				"date", "2100-12-31");
		assertField(api().as("sekretariat")
			.post("/api/cases/" + this.fixture.caseId() + "/tasks",
					Map.of("organisation", "KRIMINALFORSORGEN", "description", "Samtale", "dueDate", "2101-01-01")),
				"dueDate", "2100-12-31");
		assertField(api().as("sekretariat")
			.header("If-Match", "\"0\"")
			.patch("/api/cases/" + this.fixture.caseId() + "/tasks/" + this.fixture.taskId(),
					Map.of("dueDate", "+999999999-12-31")),
				"dueDate", "2100-12-31");
		assertField(
				api().as("sekretariat")
					.post("/api/meetings/" + this.fixture.meetingId() + "/items/" + this.fixture.itemId() + "/decision",
							Map.of("minutes", "Referat", "nextFollowUp", "+999999999-12-31")),
				"nextFollowUp", "2100-12-31");
		assertField(
				api().as("sekretariat")
					.post("/api/meetings/" + this.fixture.meetingId() + "/items/" + this.fixture.itemId() + "/decision",
							Map.of("minutes", "Referat", "tasks", List.of(Map.of("organisation", "KRIMINALFORSORGEN",
									"description", "Samtale", "dueDate", "0001-01-01")))),
				"tasks[0].dueDate", "2000-01-01");
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	@Test
	void textThatIsNotTextIsRefusedNamingTheField() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		assertField(submit(Map.of("concern", "Bekymring\u0000")), "concern", "U+0000");
		assertField(submit(Map.of("subject", subject("Anna\u0007"))), "subject.name", "U+0007");
		// a lone surrogate cannot be written as UTF-8, only as a JSON escape
		String loneSurrogate = Api.json(referral(FakeCpr.next(), "OTHER"))
			.replace("Fiktiv bekymring til test.", "Fiktiv \\ud800 bekymring");
		assertField(api().as("buf").post("/api/referrals", loneSurrogate), "concern", "lone surrogate");
		assertField(submit(Map.of("subject", subject("\u200B\u200B\uFEFF"))), "subject.name", "must not be blank");
		assertField(api().as("sekretariat")
			.post("/api/cases/" + this.fixture.caseId() + "/municipal-notes", Map.of("text", "\u2060\u00A0\u3000")),
				"text", "must not be blank");
		assertField(api().as("sekretariat").get("/api/meetings?unit=K%00BH"), "unit", "control character");
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	@Test
	void valuesOfTheWrongTypeAreNotGuessed() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		assertField(submit(Map.of("category", 0)), "category", "is not allowed");
		assertField(submit(Map.of("urgent", "true")), "urgent", "must be true or false");
		assertField(submit(Map.of("concern", 12)), "concern", "must be a JSON string");
		assertField(
				api().as("sekretariat")
					.post("/api/meetings",
							Map.of("unit", "KBH", "startsAt", "2027-11-04T09:00:00+01:00", "durationMinutes",
									99_999_999_999L, "location", "Rådhuset", "invited", List.of("KBH-POLITI"))),
				"durationMinutes", "out of range");
		assertField(
				api().as("sekretariat")
					.post("/api/meetings",
							Map.of("unit", "KBH", "startsAt", 1_700_000_000, "durationMinutes", 60, "location",
									"Rådhuset", "invited", List.of("KBH-POLITI"))),
				"startsAt", "must be a date and time");
		assertField(
				api().as("sekretariat")
					.put("/api/cases/" + this.fixture.caseId() + "/referrals/" + this.fixture.referralId() + "/sharing",
							Map.of("sharedWithParticipants", "yes")),
				"sharedWithParticipants", "must be true or false");
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	/**
	 * A misspelt optional field must not be dropped silently, saving the rest without it.
	 */
	@Test
	void aFieldTheRequestDoesNotHaveIsRefusedNamingIt() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		assertField(
				api().as("sekretariat")
					.post("/api/meetings/" + this.fixture.meetingId() + "/items/" + this.fixture.itemId() + "/decision",
							Map.of("minutes", "Referat", "nextFollowup", "2027-01-10")),
				"nextFollowup", "is not a field of this request; known fields: minutes, nextFollowUp, participants");
		assertField(submit(Map.of("urgnet", true)), "urgnet", "is not a field of this request");
		Map<String, Object> nested = referral(FakeCpr.next(), "OTHER");
		nested.put("subject", Map.of("cpr", FakeCpr.next(), "name", "Fiktiv", "adress", "Fiktivvej 1"));
		assertField(api().as("buf").post("/api/referrals", nested), "subject.adress",
				"known fields: address, cpr, name");
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	@Test
	void requestsTomcatOrTheFirewallRefuseAreProblemsToo() {
		Map<String, String> before = TableSnapshot.of(this.jdbc);
		assertRawProblem(raw("GET", "/api/cases/%zz"), 400);
		assertRawProblem(raw("GET", "/api/cases/%00"), 400);
		RawHttp.Answer doubleSlash = raw("GET", "/api//me");
		assertRawProblem(doubleSlash, 400);
		assertThat(doubleSlash.body()).as("answered by the firewall itself").contains("not accepted");
		assertRawProblem(raw("GET", "/api/%2e%2e/api/me"), 400);
		assertRawProblem(raw("GET", "/api/me", Map.of("X-Padding", "x".repeat(20_000))), 400);
		RawHttp.Answer trace = raw("TRACE", "/api/me");
		assertThat(trace.status()).as(trace.toString()).isIn(400, 405);
		assertRawProblem(trace, trace.status());
		RawHttp.Answer error = raw("GET", "/error");
		assertRawProblem(error, 404);
		assertThat(TableSnapshot.of(this.jdbc)).isEqualTo(before);
	}

	private RawHttp.Answer raw(String method, String target) {
		return raw(method, target, Map.of());
	}

	private RawHttp.Answer raw(String method, String target, Map<String, String> headers) {
		return RawHttp.send(this.port, method, target, headers);
	}

	private Response submit(Map<String, Object> changes) {
		Map<String, Object> body = referral(FakeCpr.next(), "OTHER");
		body.putAll(changes);
		return api().as("buf").post("/api/referrals", body);
	}

	private static Map<String, Object> subject(String name) {
		return Map.of("cpr", FakeCpr.next(), "name", name);
	}

	private static void assertField(Response response, String field, String messagePart) {
		assertProblem(response, 400);
		assertThat(response.text("/errors/0/field")).as(response.toString()).isEqualTo(field);
		assertThat(response.text("/detail")).as(response.toString()).startsWith(field + ": ").contains(messagePart);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertNoInternals(response.body());
	}

	private static void assertRawProblem(RawHttp.Answer answer, int status) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
		assertThat(answer.body()).as(answer.toString()).contains("\"status\":" + status).contains("\"detail\":");
		assertNoInternals(answer.body());
	}

	static void assertNoInternals(String body) {
		assertThat(body).doesNotContainIgnoringCase("exception")
			.doesNotContain("tomcat")
			.doesNotContain("Tomcat")
			.doesNotContain("<html")
			.doesNotContain("at org.")
			.doesNotContain("at java.")
			.doesNotContain("springframework")
			.doesNotContain("jackson");
	}

}
