package dk.coordination.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.KeycloakServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first slice end to end, as its users meet it: real Keycloak tokens of the demo
 * users, real HTTP, real PostgreSQL. Each test uses its own fictional person so the tests
 * do not depend on each other's order.
 */
public class CaseStoryIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aConcernOpensACaseAndASecondConcernAboutThePersonIsAttachedToIt() {
		String cpr = FakeCpr.next();
		Response first = api().as("buf").post("/api/referrals", referral(cpr, "RIGHT_WING"));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		String caseId = caseIdOf(first);
		assertThat(first.header("Location")).hasValue("/api/referrals/" + first.text("/referralId"));
		assertThat(first.text("/receiptNumber")).matches("H-KBH-20\\d\\d-\\d{5}");

		// the same person, written without the dash and under another name, from another
		// organisation
		Map<String, Object> again = referral(cpr.replace("-", ""), "UNCLEAR");
		subjectPart(again).put("name", "Testperson Andersen");
		Response second = api().as("kriminalforsorgen").post("/api/referrals", again);
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(caseIdOf(second)).isEqualTo(caseId);
		assertThat(second.text("/receiptNumber")).isNotEqualTo(first.text("/receiptNumber"));

		Response asSecretariat = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(asSecretariat.status()).isEqualTo(200);
		assertThat(asSecretariat.json().get("newInformation").asBoolean()).isTrue();
		assertThat(asSecretariat.json().get("referrals")).hasSize(2);
		assertThat(asSecretariat.text("/subject/cpr")).isEqualTo(cpr);
		assertThat(asSecretariat.text("/allowedTransitions/0")).isEqualTo("SCREENING");
		JsonNode opening = asSecretariat.json().get("referrals").get(0);
		JsonNode attached = asSecretariat.json().get("referrals").get(1);
		assertThat(opening.get("attachedToExistingCase").asBoolean()).isFalse();
		assertThat(opening.at("/submittedSubject/nameDiffers").asBoolean()).isFalse();
		assertThat(opening.at("/submittedSubject").has("warning")).isFalse();
		assertThat(attached.get("attachedToExistingCase").asBoolean()).isTrue();
		assertThat(attached.at("/submittedSubject/name").asString()).isEqualTo("Testperson Andersen");
		assertThat(attached.at("/submittedSubject/nameDiffers").asBoolean()).isTrue();
		assertThat(attached.at("/submittedSubject/addressDiffers").asBoolean()).isFalse();
		assertThat(attached.at("/submittedSubject/warning").asString())
			.isEqualTo("Navn afviger – kontrollér CPR-nummer");
		assertThat(asSecretariat.text("/subject/name")).as("the case keeps the name it was opened with")
			.isEqualTo("Testperson Fiktiv");
	}

	@Test
	void caseNumbersAndReceiptNumbersAreConsecutivePerUnitAndYear() {
		Response a = api().as("sof").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		Response b = api().as("sof").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertThat(number(b.text("/receiptNumber"))).isEqualTo(number(a.text("/receiptNumber")) + 1);
		assertThat(number(caseNumberOf(b))).isEqualTo(number(caseNumberOf(a)) + 1);
	}

	@Test
	void theCprNumberIsStoredOnlyEncryptedAndHashed() {
		String cpr = FakeCpr.next();
		String caseId = submit("buf", cpr);
		Map<String, Object> row = this.jdbc.sql(
				"select subject_cpr_encrypted, subject_cpr_hash, subject_cpr_masked from concern_case where id = ?::uuid")
			.param(caseId)
			.query()
			.singleRow();
		String digits = cpr.replace("-", "");
		assertThat(new String((byte[]) row.get("subject_cpr_encrypted"), java.nio.charset.StandardCharsets.ISO_8859_1))
			.doesNotContain(digits);
		assertThat((String) row.get("subject_cpr_hash")).doesNotContain(digits).matches("k1:[0-9a-f]{64}");
		assertThat(row.get("subject_cpr_masked")).isEqualTo(cpr.substring(0, 6) + "-xxxx");
		Integer plainAnywhere = this.jdbc.sql(
				"select count(*) from concern_case_aud where subject_cpr_masked like ? and encode(subject_cpr_encrypted, 'escape') like ?")
			.params(cpr.substring(0, 6) + "%", "%" + digits + "%")
			.query(Integer.class)
			.single();
		assertThat(plainAnywhere).isZero();
	}

	@Test
	void onlyThoseWhoNeedToKnowSeeTheCase() {
		String cpr = FakeCpr.next();
		String caseId = submit("buf", cpr);
		api().as("kriminalforsorgen").post("/api/referrals", referral(cpr, "OTHER"));

		// submitting a concern is no window on the case: the submitter follows its own
		// referrals (ReferralPrivacyIntegrationTests)
		assertThat(api().as("buf").get("/api/cases/" + caseId).status()).isEqualTo(404);
		api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", "KK-BUF", "legalBasis", "BARNETS_LOV", "purpose", "Samarbejde"));
		Response participant = api().as("buf").get("/api/cases/" + caseId);
		assertThat(participant.status()).isEqualTo(200);
		assertThat(participant.text("/subject/cpr")).isEqualTo(cpr.substring(0, 6) + "-xxxx");
		assertThat(participant.json().get("referrals")).hasSize(2);
		assertThat(participant.text("/referrals/0/organisation")).isEqualTo("KK-BUF");
		assertThat(participant.json().get("allowedTransitions")).isEmpty();

		Response unrelated = api().as("sof").get("/api/cases/" + caseId);
		Response missing = api().as("sof").get("/api/cases/00000000-0000-0000-0000-000000000000");
		assertThat(unrelated.status()).isEqualTo(404);
		assertThat(missing.status()).isEqualTo(404);
		// the same answer, so a 404 does not confirm that a case exists
		assertThat(unrelated.json().get("title")).isEqualTo(missing.json().get("title"));
		assertThat(unrelated.text("/detail").replace(caseId, "?"))
			.isEqualTo(missing.text("/detail").replace("00000000-0000-0000-0000-000000000000", "?"));
		assertThat(api().as("politi").get("/api/cases/" + caseId).status())
			.as("police is not secretariat under model 1")
			.isEqualTo(404);
		assertThat(api().as("auditor").get("/api/cases/" + caseId).status()).isEqualTo(403);
		assertThat(api().as("admin").get("/api/cases/" + caseId).status()).isEqualTo(403);
		assertThat(api().as("admin").get("/api/cases/" + caseId + "/history").status()).isEqualTo(403);

		assertThat(caseIds(api().as("buf").get("/api/cases?size=100"))).contains(caseId);
		assertThat(caseIds(api().as("sekretariat").get("/api/cases?size=100"))).contains(caseId);
		assertThat(caseIds(api().as("sof").get("/api/cases?size=100"))).doesNotContain(caseId);
		assertThat(caseIds(api().as("politi").get("/api/cases?size=100"))).doesNotContain(caseId);
	}

	@Test
	void theListIsNewestFirstFilteredAndPagedByCursor() {
		List<String> submitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			submitted.add(submit("kriminalforsorgen", FakeCpr.next()));
		}
		// other tests leave cases too, some created on days they set the clock to, so the
		// whole list is walked page by page rather than its first page taken as ours
		List<String> all = new ArrayList<>();
		List<Instant> created = new ArrayList<>();
		Response page = api().as("sekretariat").get("/api/cases?status=RECEIVED&size=2");
		assertThat(page.json().get("items")).hasSize(2);
		assertThat(page.text("/items/0/subjectCpr")).as("lists show the CPR number masked").endsWith("-xxxx");
		while (true) {
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			page.json().get("items").forEach((item) -> {
				all.add(item.get("caseId").asString());
				created.add(Instant.parse(item.get("createdAt").asString()));
				assertThat(item.get("status").asString()).isEqualTo("RECEIVED");
			});
			if (!page.json().has("nextCursor")) {
				break;
			}
			page = api().as("sekretariat")
				.get("/api/cases?status=RECEIVED&size=100&cursor=" + page.text("/nextCursor"));
		}
		assertThat(all).as("no case twice across pages").doesNotHaveDuplicates();
		assertThat(created).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(all).containsSubsequence(submitted.get(2), submitted.get(1), submitted.get(0));

		assertThat(caseIds(api().as("sekretariat").get("/api/cases?status=CLOSED&size=100")))
			.doesNotContainAnyElementsOf(submitted);
		assertThat(api().as("kriminalforsorgen").get("/api/cases?status=NONSENSE").status()).isEqualTo(400);
		assertThat(api().as("kriminalforsorgen").get("/api/cases?size=0").status()).isEqualTo(400);
		assertThat(api().as("kriminalforsorgen").get("/api/cases?cursor=garbage").status()).isEqualTo(400);
	}

	@Test
	void theSecretariatMovesTheCaseWithETagsAndEveryStepIsInTheHistory() {
		String cpr = FakeCpr.next();
		String caseId = submit("buf", cpr);
		api().as("kriminalforsorgen").post("/api/referrals", referral(cpr, "OTHER"));
		String path = "/api/cases/" + caseId + "/transitions";
		Response read = api().as("sekretariat").get("/api/cases/" + caseId);
		String etag = read.header("ETag").orElseThrow();

		Response noIfMatch = api().as("sekretariat").post(path, transition("SCREENING", null));
		assertThat(noIfMatch.status()).isEqualTo(428);
		assertThat(noIfMatch.contentType()).startsWith("application/problem+json");

		Response wildcard = api().as("sekretariat").header("If-Match", "*").post(path, transition("SCREENING", null));
		assertThat(wildcard.status()).as("* proves nothing about what the client saw").isEqualTo(428);
		assertThat(wildcard.text("/detail")).startsWith("Send If-Match with the ETag of the case");
		Response bySubmitter = api().as("buf").header("If-Match", etag).post(path, transition("SCREENING", null));
		assertThat(bySubmitter.status()).as("the submitter does not see the case").isEqualTo(404);
		assertThat(api().as("sof").header("If-Match", etag).post(path, transition("SCREENING", null)).status())
			.isEqualTo(404);

		Response skipping = api().as("sekretariat").header("If-Match", etag).post(path, transition("ACTIVE", null));
		assertThat(skipping.status()).isEqualTo(409);
		assertThat(skipping.json().get("allowedTransitions").toString()).contains("SCREENING");

		Response screening = api().as("sekretariat").header("If-Match", etag).post(path, transition("SCREENING", null));
		assertThat(screening.status()).as(screening.toString()).isEqualTo(200);
		assertThat(screening.text("/status")).isEqualTo("SCREENING");
		assertThat(screening.json().get("newInformation").asBoolean()).isFalse();
		String newEtag = screening.header("ETag").orElseThrow();
		assertThat(newEtag).isNotEqualTo(etag);

		Response stale = api().as("sekretariat")
			.header("If-Match", etag)
			.post(path, transition("AWAITING_MEETING", null));
		assertThat(stale.status()).isEqualTo(412);

		Response withoutReason = api().as("sekretariat")
			.header("If-Match", newEtag)
			.post(path, transition("CLOSED", null));
		assertThat(withoutReason.status()).isEqualTo(400);
		assertThat(withoutReason.text("/errors/0/field")).isEqualTo("closingReason");
		Response blankReason = api().as("sekretariat")
			.header("If-Match", newEtag)
			.post(path, Map.of("to", "AWAITING_MEETING", "reason", " "));
		assertThat(blankReason.status()).isEqualTo(400);
		assertThat(blankReason.text("/errors/0/field")).isEqualTo("reason");

		Response closed = api().as("sekretariat")
			.header("If-Match", newEtag)
			.post(path, transition("CLOSED", "NO_CONCERN"));
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.text("/closingReason")).isEqualTo("NO_CONCERN");
		assertThat(api().as("buf").get("/api/referrals?mine&size=100").json().get("items").findValuesAsString("state"))
			.as("the submitter follows what became of its concern through its referral")
			.contains("CLOSED");

		// a new concern after closing opens a new case; the old one shows as an earlier
		// case
		String newCaseId = submit("sof", cpr);
		assertThat(newCaseId).isNotEqualTo(caseId);
		Response newCase = api().as("sekretariat").get("/api/cases/" + newCaseId);
		assertThat(newCase.text("/earlierCases/0/caseId")).isEqualTo(caseId);
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).json().get("allowedTransitions"))
			.as("reopening is not offered while the person has another open case")
			.isEmpty();

		// reopening the old case would give the person two open cases
		Response reopen = api().as("sekretariat")
			.header("If-Match", closed.header("ETag").orElseThrow())
			.post(path, transition("SCREENING", null));
		assertThat(reopen.status()).isEqualTo(409);
		assertThat(reopen.text("/openCaseId")).isEqualTo(newCaseId);

		Response history = api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		assertThat(history.status()).isEqualTo(200);
		List<String> steps = new ArrayList<>();
		for (JsonNode entry : history.json()) {
			assertThat(entry.get("at").asString()).isNotBlank();
			assertThat(entry.get("requestId").asString()).isNotBlank();
			for (JsonNode change : entry.get("changes")) {
				steps.add(entry.get("username").asString() + "/" + entry.get("organisation").asString() + ":"
						+ change.get("type").asString() + (change.has("to")
								? " " + change.get("from").asString() + "->" + change.get("to").asString() : ""));
			}
		}
		assertThat(steps).containsExactly("buf/KK-BUF:CASE_OPENED", "buf/KK-BUF:REFERRAL_ADDED",
				"kriminalforsorgen/KRIMINALFORSORGEN:NEW_INFORMATION_FLAG",
				"kriminalforsorgen/KRIMINALFORSORGEN:REFERRAL_ADDED",
				"sekretariat/KK-BIF:STATUS_CHANGED RECEIVED->SCREENING", "sekretariat/KK-BIF:NEW_INFORMATION_FLAG",
				// moving the case is the secretariat taking in both referrals
				"sekretariat/KK-BIF:REFERRAL_STATE_CHANGED RECEIVED->IN_PROGRESS",
				"sekretariat/KK-BIF:REFERRAL_STATE_CHANGED RECEIVED->IN_PROGRESS",
				"sekretariat/KK-BIF:STATUS_CHANGED SCREENING->CLOSED",
				"sekretariat/KK-BIF:REFERRAL_STATE_CHANGED IN_PROGRESS->CLOSED",
				"sekretariat/KK-BIF:REFERRAL_STATE_CHANGED IN_PROGRESS->CLOSED",
				// closing schedules the reviews after 6 and 12 months, in the same
				// revision
				"sekretariat/KK-BIF:REVIEW_SCHEDULED", "sekretariat/KK-BIF:REVIEW_SCHEDULED");
		JsonNode closing = history.json().get(history.json().size() - 1).get("changes").get(0);
		assertThat(closing.get("reason").asString()).isEqualTo("Because CLOSED");
		assertThat(closing.get("closingReason").asString()).isEqualTo("NO_CONCERN");
		assertThat(closing.get("secretariatModel").asString()).isEqualTo("MODEL_1");
		assertThat(api().as("buf").get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
		assertThat(api().as("sof").get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		int casesBefore = countCases();
		Map<String, Object> badCpr = referral("320190-0000", "OTHER");
		Response response = api().as("buf").post("/api/referrals", badCpr);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/errors/0/field")).isEqualTo("subject.cpr");
		assertThat(response.text("/detail")).contains("not a real date");

		assertThat(fieldAtFault(api().as("buf").post("/api/referrals", referral("12345", "OTHER"))))
			.isEqualTo("subject.cpr");
		assertThat(fieldAtFault(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "JIHADI"))))
			.isEqualTo("category");
		Map<String, Object> unknownUnit = referral(FakeCpr.next(), "OTHER");
		unknownUnit.put("unit", "ODENSE");
		assertThat(fieldAtFault(api().as("buf").post("/api/referrals", unknownUnit))).isEqualTo("unit");
		Map<String, Object> noConcern = referral(FakeCpr.next(), "OTHER");
		noConcern.remove("concern");
		assertThat(fieldAtFault(api().as("buf").post("/api/referrals", noConcern))).isEqualTo("concern");
		Map<String, Object> badBasis = referral(FakeCpr.next(), "OTHER");
		badBasis.put("legalBasis", "because");
		assertThat(fieldAtFault(api().as("buf").post("/api/referrals", badBasis))).isEqualTo("legalBasis");

		Response notJson = api().as("buf").post("/api/referrals", "{\"unit\": ");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.contentType()).startsWith("application/problem+json");
		Response wrongMediaType = api().as("buf").header("Content-Type", "text/plain").post("/api/referrals", "hello");
		assertThat(wrongMediaType.status()).isIn(400, 415);
		assertThat(api().as("buf").get("/api/cases/not-a-uuid").status()).isEqualTo(400);

		assertThat(countCases()).isEqualTo(casesBefore);
	}

	@Test
	void withoutAValidTokenThereIsNothingAndNoSession() {
		Response anonymous = api().as(null).get("/api/cases");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
		assertThat(anonymous.header("Set-Cookie")).isEmpty();

		Response forged = api().withToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/api/me");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.header("Set-Cookie")).isEmpty();

		// a genuine token of the realm, but issued to Keycloak's admin-cli: not meant for
		// this service
		String otherAudience = KeycloakServer.shared().tokenFor("buf", KeycloakServer.DEMO_PASSWORD, "admin-cli");
		assertThat(api().withToken(otherAudience).get("/api/me").status()).isEqualTo(401);

		Response ok = api().as("buf").get("/api/me");
		assertThat(ok.header("Set-Cookie")).isEmpty();
		Response forbidden = api().as("buf")
			.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_2", "reason", "x"));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.contentType()).startsWith("application/problem+json");
		assertThat(api().as("auditor").post("/api/referrals", referral(FakeCpr.next(), "OTHER")).status())
			.isEqualTo(403);
	}

	private String submit(String user, String cpr) {
		Response response = api().as(user).post("/api/referrals", referral(cpr, "MILITANT_ISLAMISM"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return caseIdOf(response);
	}

	private int countCases() {
		return this.jdbc.sql("select count(*) from concern_case").query(Integer.class).single();
	}

	private String caseNumberOf(Response receipt) {
		return this.jdbc.sql("select case_number from concern_case where id = ?::uuid")
			.param(caseIdOf(receipt))
			.query(String.class)
			.single();
	}

	private static int number(String numbered) {
		return Integer.parseInt(numbered.substring(numbered.lastIndexOf('-') + 1));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> subjectPart(Map<String, Object> referral) {
		return (Map<String, Object>) referral.get("subject");
	}

	private static String fieldAtFault(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		return response.text("/errors/0/field");
	}

	private static List<String> caseIds(Response page) {
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		page.json().get("items").forEach((item) -> ids.add(item.get("caseId").asString()));
		return ids;
	}

	public static Map<String, Object> referral(String cpr, String category) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("cpr", cpr);
		subject.put("name", "Testperson Fiktiv");
		subject.put("address", "Fiktivvej 1, 2300 København S");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("subject", subject);
		body.put("concern", "Fiktiv bekymring til test.");
		body.put("category", category);
		body.put("legalBasis", "RETSPLEJELOVEN_115");
		body.put("urgent", false);
		return body;
	}

	public static Map<String, Object> transition(String to, String closingReason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("to", to);
		body.put("reason", "Because " + to);
		body.put("closingReason", closingReason);
		return body;
	}

}
