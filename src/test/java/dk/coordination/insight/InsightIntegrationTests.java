package dk.coordination.insight;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.web.DanishFormat;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's request for insight over real HTTP with real tokens: a case worked by four
 * authorities and decided at a meeting comes back whole (the data, the disclosures with
 * their legal bases, the reads by authority and purpose) as JSON and as a Danish letter,
 * with no employee named anywhere and nothing of another person; the answer is a logged
 * read; bad input is a 400 that says why; only the auditor may ask.
 */
class InsightIntegrationTests extends IntegrationTestEnvironment {

	/** Every demo user: none of them may occur in an answer. */
	private static final List<String> USERNAMES = List.of("sekretariat", "politi", "kriminalforsorgen", "buf", "sof",
			"auditor", "admin");

	private static final String NAME = "Indsigta Særnavnsen";

	private static final String ADDRESS = "Indsigtsstræde 17, 2300 København S";

	private static final String CONCERN = "Bekymring-INDSIGT: radikaliseret omgangskreds";

	private static final String REASON = "Begrundelse-INDSIGT: skal screenes";

	private static final String PURPOSE = "Formål-INDSIGT: samtale med forældrene";

	private static final String TASK = "Opgave-INDSIGT: bekymringssamtale";

	private static final String REPORT = "Rapport-INDSIGT: samtalen er holdt";

	private static final String DECISION = "Beslutning-INDSIGT: plan for opfølgning";

	private static final String READ_PURPOSE = "Forebyggende samtale";

	@Test
	void theAnswerHoldsTheDataTheDisclosuresAndTheReadsButNoEmployeeAndNoOtherPerson() throws IOException {
		String cpr = FakeCpr.next();
		String caseId = workedCase(cpr);
		String otherCpr = FakeCpr.next();
		Map<String, Object> other = referral(otherCpr, "OTHER");
		other.put("subject", Map.of("cpr", otherCpr, "name", "Anden Fremmedsen", "address", "Andenvej 2"));
		other.put("concern", "Bekymring-ANDEN");
		caseIdOf(api().as("sof").post("/api/referrals", other));

		Response answer = api().as("auditor").post("/api/insight", Map.of("cpr", cpr));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/json");
		assertNoUsername(answer.body());
		JsonNode json = answer.json();
		assertThat(json.at("/person/cprNumbers/0").asString()).isEqualTo(cpr);
		assertThat(texts(json.at("/person/names"))).containsExactly(NAME);
		assertThat(texts(json.at("/person/addresses"))).containsExactly(ADDRESS);
		assertThat(json.get("cases")).hasSize(1);
		JsonNode held = json.at("/cases/0");
		assertThat(held.at("/unit/name").asString()).isEqualTo("Koordineringsenheden i København");
		assertThat(held.at("/status").asString()).isEqualTo("SCREENING");
		assertThat(held.at("/statusHistory/1/reason").asString()).isEqualTo(REASON);
		assertThat(held.at("/statusHistory/1/statusText").asString()).isEqualTo("Screening");
		assertThat(held.at("/referrals/0/authority/name").asString()).isEqualTo("Børne- og Ungdomsforvaltningen");
		assertThat(held.at("/referrals/0/concern").asString()).isEqualTo(CONCERN);
		assertThat(held.at("/referrals/0/legalBasisText").asString()).isEqualTo("retsplejeloven § 115");
		assertThat(held.at("/referrals/0/categoryText").asString()).isEqualTo("Venstreekstremisme");

		assertThat(held.get("disclosures")).hasSize(2);
		JsonNode submitted = held.at("/disclosures/0");
		assertThat(submitted.at("/from/name").asString()).isEqualTo("Børne- og Ungdomsforvaltningen");
		assertThat(submitted.at("/to/name").asString()).isEqualTo("Koordineringsenheden i København");
		JsonNode disclosed = held.at("/disclosures/1");
		assertThat(disclosed.at("/from/name").asString()).isEqualTo("Beskæftigelses- og Integrationsforvaltningen");
		assertThat(disclosed.at("/to/name").asString()).isEqualTo("Københavns Politi");
		assertThat(disclosed.at("/legalBasis").asString()).isEqualTo("RETSPLEJELOVEN_115");
		assertThat(disclosed.at("/legalBasisText").asString()).isEqualTo("retsplejeloven § 115");
		assertThat(disclosed.at("/purpose").asString()).isEqualTo(PURPOSE);
		assertThat(disclosed.at("/usageRestriction").asString()).contains("stk. 2");
		Instant disclosedAt = Instant.parse(disclosed.at("/since").asString());
		assertThat(disclosed.at("/until").isNull()).isTrue();

		assertThat(held.at("/tasks/0/authority/name").asString()).isEqualTo("Københavns Politi");
		assertThat(held.at("/tasks/0/description").asString()).isEqualTo(TASK);
		assertThat(held.at("/statusReports/0/authority/name").asString()).isEqualTo("Københavns Politi");
		assertThat(held.at("/statusReports/0/text").asString()).isEqualTo(REPORT);
		assertThat(held.at("/meetings/0/decision").asString()).isEqualTo(DECISION);
		List<String> reads = new ArrayList<>();
		held.get("reads")
			.forEach((read) -> reads.add(read.at("/authority/name").asString() + " / " + read.at("/purpose").asString()
					+ " / " + read.at("/caseNumber").asString()));
		assertThat(reads).contains("Københavns Politi / " + READ_PURPOSE + " / " + held.at("/caseNumber").asString());

		assertThat(answer.body()).doesNotContain(otherCpr, "Anden Fremmedsen", "Bekymring-ANDEN");
		assertThat(
				jdbc().sql("select username || ' ' || purpose from access_log where case_id = ? and what = 'INSIGHT'")
					.param(UUID.fromString(caseId))
					.query(String.class)
					.list())
			.as("the answer is one logged read of the case")
			.containsExactly("auditor Besvarelse af indsigtsanmodning");

		Response letter = api().as("auditor")
			.header("Accept", "application/pdf")
			.post("/api/insight", Map.of("cpr", cpr));
		assertThat(letter.status()).as(letter.toString()).isEqualTo(200);
		assertThat(letter.contentType()).isEqualTo("application/pdf");
		try (PDDocument document = Loader.loadPDF(letter.bytes())) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Indsigt i dine personoplysninger", "Oplysninger om dig", "Sagens forløb",
					"Bekymringshenvendelser", "Videregivelser", "Opgaver", "Statusrapporter",
					"Møder, hvor sagen var på dagsordenen", "Opslag i dine personoplysninger");
			// table cells wrap long words, so values are compared without any white space
			assertThat(compact(text))
				.contains(compact(cpr.substring(0, 6) + "-xxxx"), compact(NAME), compact(CONCERN), compact(REASON),
						compact(PURPOSE), compact(TASK), compact(REPORT), compact(DECISION), compact(READ_PURPOSE))
				.contains(compact("Københavns Politi"), compact("Børne- og Ungdomsforvaltningen"),
						compact("retsplejeloven § 115"), "Venstreekstremisme")
				.contains(compact(new DanishFormat().date(disclosedAt)));
			assertThat(compact(text)).doesNotContain(cpr, cpr.replace("-", ""), otherCpr, "AndenFremmedsen");
			assertNoUsername(text);
		}

		Response stranger = api().as("auditor").post("/api/insight", Map.of("cpr", otherCpr));
		assertThat(stranger.body()).contains("Anden Fremmedsen").doesNotContain(NAME, CONCERN, cpr);
	}

	@Test
	void aPersonWithoutDataGetsEmptyListsAndBadInputIsA400ThatSaysWhy() {
		Response nobody = api().as("auditor").post("/api/insight", Map.of("cpr", FakeCpr.next()));
		assertThat(nobody.status()).as(nobody.toString()).isEqualTo(200);
		assertThat(nobody.json().at("/cases")).isEmpty();
		assertThat(nobody.json().at("/otherReads")).isEmpty();
		assertThat(nobody.json().at("/person/cprNumbers")).isEmpty();
		assertThat(nobody.json().at("/person/names")).isEmpty();

		assertBadCpr(api().as("auditor").post("/api/insight", Map.of("cpr", "123")),
				"cpr: CPR number must be DDMMYYSSSS or DDMMYY-SSSS");
		assertBadCpr(api().as("auditor").post("/api/insight", Map.of("cpr", "310290-0000")),
				"cpr: CPR number's date part 310290 is not a real date");
		assertBadCpr(api().as("auditor").post("/api/insight", Map.of()), "cpr: is required");
		String cpr = FakeCpr.next();
		assertBadCpr(api().as("auditor").post("/api/insight?cpr=" + cpr, Map.of("cpr", cpr)),
				"cpr: a CPR number is not accepted in the query string");
	}

	@Test
	void onlyTheAuditorMayAsk() {
		for (String user : List.of("sekretariat", "politi", "buf", "admin")) {
			assertThat(api().as(user).post("/api/insight", Map.of("cpr", FakeCpr.next())).status()).as(user)
				.isEqualTo(403);
		}
	}

	/**
	 * A case of the person sent by BUF, screened by the secretariat, disclosed to the
	 * police with a task, reported on and read by the police, and decided at a meeting.
	 */
	private String workedCase(String cpr) {
		Map<String, Object> body = referral(cpr, "LEFT_WING");
		body.put("subject", Map.of("cpr", cpr, "name", NAME, "address", ADDRESS));
		body.put("concern", CONCERN);
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", body));
		String path = "/api/cases/" + caseId;
		String etag = api().as("sekretariat").get(path).header("ETag").orElseThrow();
		ok(api().as("sekretariat")
			.header("If-Match", etag)
			.post(path + "/transitions", Map.of("to", "SCREENING", "reason", REASON)));
		ok(api().as("sekretariat")
			.post(path + "/participants",
					Map.of("organisation", "KBH-POLITI", "legalBasis", "RETSPLEJELOVEN_115", "purpose", PURPOSE)));
		ok(api().as("sekretariat").post(path + "/tasks", Map.of("organisation", "KBH-POLITI", "description", TASK)));
		ok(api().as("politi").post(path + "/status-reports", Map.of("involvement", "IN_PROGRESS", "text", REPORT)));
		ok(api().as("politi").get(path + "?purpose=" + URLEncoder.encode(READ_PURPOSE, StandardCharsets.UTF_8)));

		Map<String, Object> meeting = new LinkedHashMap<>();
		meeting.put("unit", "KBH");
		meeting.put("startsAt", "2027-06-03T09:00:00+02:00");
		meeting.put("durationMinutes", 60);
		meeting.put("location", "Københavns Rådhus");
		meeting.put("invited", List.of("KBH-POLITI"));
		Response planned = ok(api().as("sekretariat").post("/api/meetings", meeting));
		String meetingPath = "/api/meetings/" + planned.text("/meetingId");
		Response item = ok(api().as("sekretariat")
			.header("If-Match", planned.header("ETag").orElseThrow())
			.post(meetingPath + "/agenda/items", Map.of("caseId", caseId)));
		Response published = ok(api().as("sekretariat")
			.header("If-Match", item.header("ETag").orElseThrow())
			.post(meetingPath + "/agenda/publish", Map.of()));
		ok(api().as("sekretariat")
			.header("If-Match", published.header("ETag").orElseThrow())
			.post(meetingPath + "/items/" + item.json().at("/items/0/id").asString() + "/decision",
					Map.of("minutes", DECISION)));
		return caseId;
	}

	private static Response ok(Response response) {
		assertThat(response.status()).as(response.toString()).isBetween(200, 201);
		return response;
	}

	private static void assertBadCpr(Response response, String detail) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/detail")).startsWith(detail);
	}

	/** Not as a word of its own: "politiet" is Danish, "politi" is a user. */
	private static void assertNoUsername(String text) {
		for (String username : USERNAMES) {
			assertThat(Pattern.compile("\\b" + username + "\\b").matcher(text).find())
				.as("username %s in %s", username, text)
				.isFalse();
		}
	}

	private static String compact(String text) {
		return text.replaceAll("\\s+", "");
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asString()));
		return texts;
	}

}
