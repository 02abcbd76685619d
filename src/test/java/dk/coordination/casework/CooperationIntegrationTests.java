package dk.coordination.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisations taking part in a case: disclosure with legal basis, their own tasks and
 * status reports, what participants may read, and the secretariat's follow-up list. Real
 * tokens, real HTTP, real PostgreSQL.
 */
class CooperationIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private JdbcClient jdbc;

	private static final LocalDate TODAY = TestClock.today();

	@Test
	void aDisclosureUnderSection115CarriesItsRestrictionToTheReceivingOrganisation() {
		String caseId = submit("buf");
		assertThat(api().as("politi").get("/api/cases/" + caseId).status()).isEqualTo(404);

		Response added = addParticipant(caseId, "KBH-POLITI", "RETSPLEJELOVEN_115");
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		assertThat(added.text("/usageRestriction")).contains("§ 115", "stk. 2", "efterforskningen");
		assertThat(added.text("/disclosedBy")).isEqualTo("sekretariat");
		assertThat(added.text("/disclosedByOrganisation")).isEqualTo("KK-BIF");

		Response asPolice = api().as("politi").get("/api/cases/" + caseId);
		assertThat(asPolice.status()).isEqualTo(200);
		JsonNode participation = asPolice.json().get("participants").get(0);
		assertThat(participation.get("organisation").asString()).isEqualTo("KBH-POLITI");
		assertThat(participation.get("legalBasis").asString()).isEqualTo("RETSPLEJELOVEN_115");
		assertThat(participation.get("usageRestriction").asString()).contains("stk. 2");
		assertThat(api().as("politi").get("/api/cases/" + caseId + "/participants").json()).hasSize(1);

		Response twice = addParticipant(caseId, "KBH-POLITI", "RETSPLEJELOVEN_115");
		assertThat(twice.status()).isEqualTo(409);
		Response consent = addParticipant(caseId, "KK-SOF", "SUBJECT_CONSENT");
		assertThat(consent.json().has("usageRestriction")).isTrue();
		assertThat(consent.json().get("usageRestriction").isNull()).isTrue();
		assertThat(addParticipant(caseId, "NO-SUCH-ORG", "SUBJECT_CONSENT").text("/errors/0/field"))
			.isEqualTo("organisation");
		assertThat(api().as("buf")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", "KK-SOF", "legalBasis", "SUBJECT_CONSENT", "purpose", "x"))
			.status()).as("a submitter does not see the case, let alone disclose it").isEqualTo(404);
		assertThat(api().as("politi")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", "KK-SOF", "legalBasis", "SUBJECT_CONSENT", "purpose", "x"))
			.status()).as("a participant may not disclose the case further").isEqualTo(403);
	}

	@Test
	void endingAParticipationEndsAccessAtOnceAndTheHistoryShowsThePeriod() {
		String caseId = submit("buf");
		addParticipant(caseId, "KRIMINALFORSORGEN", "RETSPLEJELOVEN_115");
		assertThat(api().as("kriminalforsorgen").get("/api/cases/" + caseId).status()).isEqualTo(200);

		Response ended = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants/KRIMINALFORSORGEN/end",
					Map.of("reason", "Løsladt og ude af tilsyn"));
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		assertThat(ended.json().get("active").asBoolean()).isFalse();
		assertThat(api().as("kriminalforsorgen").get("/api/cases/" + caseId).status()).isEqualTo(404);
		assertThat(api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants/KRIMINALFORSORGEN/end", Map.of("reason", "igen"))
			.status()).isEqualTo(404);

		List<String> types = changeTypes(api().as("sekretariat").get("/api/cases/" + caseId + "/history"));
		assertThat(types).containsSubsequence("PARTICIPANT_ADDED", "PARTICIPANT_ENDED");
		JsonNode end = lastChange(api().as("sekretariat").get("/api/cases/" + caseId + "/history"));
		assertThat(end.get("organisation").asString()).isEqualTo("KRIMINALFORSORGEN");
		assertThat(end.get("accessFrom").asString()).isNotBlank();
		assertThat(end.get("accessUntil").asString()).isNotBlank();
		assertThat(end.get("reason").asString()).isEqualTo("Løsladt og ude af tilsyn");
		// the ended participation stays listed, with its period
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId + "/participants").json().get(0).get("endedAt"))
			.isNotNull();
	}

	@Test
	void participantsReadOnlyTheReferralsTheSecretariatShared() {
		String caseId = submit("buf");
		addParticipant(caseId, "KRIMINALFORSORGEN", "RETSPLEJELOVEN_115");
		JsonNode referral = api().as("kriminalforsorgen").get("/api/cases/" + caseId).json().get("referrals").get(0);
		assertThat(referral.get("contentWithheld").asBoolean()).isTrue();
		assertThat(referral.has("concern")).as("withheld content is left out").isFalse();
		assertThat(referral.get("organisation").asString()).isEqualTo("KK-BUF");

		String referralId = referral.get("referralId").asString();
		assertThat(api().as("kriminalforsorgen")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/sharing",
					Map.of("sharedWithParticipants", true))
			.status()).isEqualTo(403);
		Response shared = api().as("sekretariat")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/sharing",
					Map.of("sharedWithParticipants", true));
		assertThat(shared.status()).as(shared.toString()).isEqualTo(200);

		JsonNode nowShared = api().as("kriminalforsorgen").get("/api/cases/" + caseId).json().get("referrals").get(0);
		assertThat(nowShared.get("contentWithheld").asBoolean()).isFalse();
		assertThat(nowShared.get("concern").asString()).isEqualTo("Fiktiv bekymring til test.");
		assertThat(changeTypes(api().as("sekretariat").get("/api/cases/" + caseId + "/history")))
			.contains("REFERRAL_SHARING");
	}

	@Test
	void anOrganisationUpdatesItsOwnTasksAndNobodyElses() {
		String caseId = submit("sof");
		addParticipant(caseId, "KRIMINALFORSORGEN", "RETSPLEJELOVEN_115");
		addParticipant(caseId, "KK-SOF", "SUBJECT_CONSENT");
		Response notParticipating = giveTask(caseId, "KBH-POLITI", TODAY.plusDays(20));
		assertThat(notParticipating.status()).isEqualTo(409);

		Response given = giveTask(caseId, "KRIMINALFORSORGEN", TODAY.plusDays(20));
		assertThat(given.status()).as(given.toString()).isEqualTo(201);
		assertThat(given.text("/state")).isEqualTo("PLANNED");
		String taskPath = "/api/cases/" + caseId + "/tasks/" + given.text("/taskId");
		String etag = given.header("ETag").orElseThrow();

		assertThat(api().as("sof").header("If-Match", etag).patch(taskPath, Map.of("state", "IN_PROGRESS")).status())
			.as("another participating organisation's task")
			.isEqualTo(403);
		assertThat(api().as("kriminalforsorgen").patch(taskPath, Map.of("state", "IN_PROGRESS")).status())
			.isEqualTo(428);
		Response started = api().as("kriminalforsorgen")
			.header("If-Match", etag)
			.patch(taskPath, Map.of("state", "IN_PROGRESS"));
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		assertThat(started.text("/state")).isEqualTo("IN_PROGRESS");
		assertThat(api().as("kriminalforsorgen")
			.header("If-Match", etag)
			.patch(taskPath, Map.of("state", "DONE"))
			.status()).isEqualTo(412);
		String newEtag = started.header("ETag").orElseThrow();
		Response noOutcome = api().as("kriminalforsorgen")
			.header("If-Match", newEtag)
			.patch(taskPath, Map.of("state", "DONE"));
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(noOutcome.text("/errors/0/field")).isEqualTo("outcome");
		Response done = api().as("kriminalforsorgen")
			.header("If-Match", newEtag)
			.patch(taskPath, Map.of("state", "DONE", "outcome", "Samtale gennemført i fængslet"));
		assertThat(done.status()).isEqualTo(200);
		assertThat(api().as("sekretariat")
			.header("If-Match", done.header("ETag").orElseThrow())
			.patch(taskPath, Map.of("state", "IN_PROGRESS"))
			.status()).as("a finished task stays finished").isEqualTo(409);

		assertThat(api().as("sof").get("/api/cases/" + caseId + "/tasks").json()).hasSize(1);
		List<String> types = changeTypes(api().as("sekretariat").get("/api/cases/" + caseId + "/history"));
		assertThat(types).containsSubsequence("TASK_GIVEN", "TASK_UPDATED", "TASK_UPDATED");
	}

	@Test
	void participantsReportTheirOwnStatusAndTheCaseShowsTheLatestOfEach() {
		String caseId = submit("buf");
		addParticipant(caseId, "KBH-POLITI", "RETSPLEJELOVEN_115");
		addParticipant(caseId, "KRIMINALFORSORGEN", "RETSPLEJELOVEN_115");
		assertThat(report("buf", caseId, "IN_PROGRESS", "BUF arbejder").status()).as("the submitter does not take part")
			.isEqualTo(404);
		assertThat(report("sof", caseId, "IN_PROGRESS", "?").status()).isEqualTo(404);
		assertThat(report("politi", caseId, "NOT_STARTED", "Afventer").status()).isEqualTo(201);
		assertThat(report("politi", caseId, "IN_PROGRESS", "Bekymringssamtale holdt").status()).isEqualTo(201);
		assertThat(report("kriminalforsorgen", caseId, "NO_ACTION_NEEDED", "Ikke i tilsyn").status()).isEqualTo(201);
		assertThat(report("politi", caseId, "SOMETIMES", "x").text("/errors/0/field")).isEqualTo("involvement");

		JsonNode latest = api().as("kriminalforsorgen").get("/api/cases/" + caseId).json().get("latestStatusReports");
		assertThat(latest).hasSize(2);
		assertThat(latest.findValuesAsString("text")).containsExactlyInAnyOrder("Bekymringssamtale holdt",
				"Ikke i tilsyn");
		assertThat(changeTypes(api().as("sekretariat").get("/api/cases/" + caseId + "/history")).stream()
			.filter("STATUS_REPORTED"::equals)).hasSize(3);

		// the submitter follows its referral, not the case nor other organisations'
		// reports
		assertThat(api().as("buf").get("/api/cases/" + caseId).status()).isEqualTo(404);
		assertThat(api().as("buf").get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
		assertThat(api().as("buf").get("/api/cases/" + caseId + "/participants").status()).isEqualTo(404);
		assertThat(api().as("buf").get("/api/referrals?mine").body()).doesNotContain("Bekymringssamtale holdt",
				"KBH-POLITI");
	}

	@Test
	void theFollowUpListShowsOverdueTasksAndDueCasesOldestFirst() {
		String caseId = submit("buf");
		addParticipant(caseId, "KRIMINALFORSORGEN", "RETSPLEJELOVEN_115");
		Response overdue = giveTask(caseId, "KRIMINALFORSORGEN", TODAY.minusDays(400));
		giveTask(caseId, "KRIMINALFORSORGEN", TODAY.plusDays(10));
		Response read = api().as("sekretariat").get("/api/cases/" + caseId);
		Response followUp = api().as("sekretariat")
			.header("If-Match", read.header("ETag").orElseThrow())
			.put("/api/cases/" + caseId + "/follow-up", Map.of("date", TODAY.toString()));
		assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
		assertThat(followUp.text("/followUpDate")).isEqualTo(TODAY.toString());
		assertThat(api().as("sekretariat")
			.header("If-Match", followUp.header("ETag").orElseThrow())
			.put("/api/cases/" + caseId + "/follow-up", Map.of("date", TODAY.minusDays(1).toString()))
			.status()).isEqualTo(400);

		Response list = api().as("sekretariat").get("/api/follow-ups");
		assertThat(list.status()).isEqualTo(200);
		List<String> mine = new ArrayList<>();
		LocalDate previous = LocalDate.MIN;
		boolean urgentPart = true;
		JsonNode firstOrdinary = null;
		// urgent concerns first, each part oldest first
		for (JsonNode item : list.json()) {
			boolean urgent = item.path("urgent").asBoolean(false);
			assertThat(urgent && !urgentPart).as("an urgent item after an ordinary one: " + list).isFalse();
			if (urgentPart && !urgent) {
				urgentPart = false;
				previous = LocalDate.MIN;
				firstOrdinary = item;
			}
			LocalDate date = LocalDate.parse(item.get("date").asString());
			assertThat(date).isAfterOrEqualTo(previous);
			previous = date;
			if (item.get("caseId").asString().equals(caseId)) {
				mine.add(item.get("kind").asString());
				assertThat(item.get("caseNumber").asString()).startsWith("KBH-");
			}
		}
		assertThat(mine).containsExactly("OVERDUE_TASK", "CASE_FOLLOW_UP");
		assertThat(this.jdbc.sql(
				"select count(*) from access_log where case_id = ?::uuid and what = 'FOLLOW_UPS' and username = 'sekretariat'")
			.param(caseId)
			.query(Integer.class)
			.single()).as("task descriptions are about the person: one logged read per case listed").isEqualTo(1);
		assertThat(firstOrdinary).as("ordinary items follow the urgent ones").isNotNull();
		assertThat(list.json().findValuesAsString("date")).as("the overdue task is listed by its due date")
			.contains(overdue.text("/dueDate"));
		assertThat(api().as("buf").get("/api/follow-ups").status()).isEqualTo(403);
		assertThat(api().as("politi").get("/api/follow-ups").status()).as("not secretariat under model 1")
			.isEqualTo(403);
	}

	private String submit(String user) {
		Response response = api().as(user).post("/api/referrals", referral(FakeCpr.next(), "RIGHT_WING"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return caseIdOf(response);
	}

	private Response addParticipant(String caseId, String organisation, String legalBasis) {
		return api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants", Map.of("organisation", organisation, "legalBasis",
					legalBasis, "purpose", "Koordinering af indsatsen"));
	}

	private Response giveTask(String caseId, String organisation, LocalDate dueDate) {
		return api().as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks", Map.of("organisation", organisation, "description",
					"Bekymringssamtale", "dueDate", dueDate.toString()));
	}

	private Response report(String user, String caseId, String involvement, String text) {
		return api().as(user)
			.post("/api/cases/" + caseId + "/status-reports", Map.of("involvement", involvement, "text", text));
	}

	static List<String> changeTypes(Response history) {
		assertThat(history.status()).as(history.toString()).isEqualTo(200);
		List<String> types = new ArrayList<>();
		history.json()
			.forEach((entry) -> entry.get("changes").forEach((change) -> types.add(change.get("type").asString())));
		return types;
	}

	private static JsonNode lastChange(Response history) {
		JsonNode entries = history.json();
		JsonNode changes = entries.get(entries.size() - 1).get("changes");
		return changes.get(changes.size() - 1);
	}

}
