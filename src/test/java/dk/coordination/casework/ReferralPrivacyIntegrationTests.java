package dk.coordination.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static dk.coordination.casework.CaseStoryIntegrationTests.subjectPart;
import static dk.coordination.casework.CaseStoryIntegrationTests.transition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake is not a look-up of who has a case (issue 7, point 1): a submitter gets a
 * receipt for its referral whether or not the person had a case, follows its own
 * referrals only, and the history others read never names who else is involved.
 */
class ReferralPrivacyIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theReceiptIsTheSameWhetherOrNotThePersonHasACase() {
		String known = FakeCpr.next();
		Response opening = api().as("buf").post("/api/referrals", referral(known, "OTHER"));
		String caseId = caseIdOf(opening);
		moveTo(caseId, "SCREENING");

		Response onExisting = api().as("kriminalforsorgen").post("/api/referrals", referral(known, "OTHER"));
		Response onNew = api().as("kriminalforsorgen").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));

		for (Response receipt : List.of(onExisting, onNew)) {
			assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
			assertThat(fieldNames(receipt.json())).containsExactly("receiptNumber", "receivedAt", "referralId", "unit");
			assertThat(receipt.header("Location")).hasValue("/api/referrals/" + receipt.text("/referralId"));
			assertThat(receipt.text("/unit")).isEqualTo("KBH");
		}
		assertThat(caseIdOf(onExisting)).as("it was attached, all the same").isEqualTo(caseId);

		// nor does what follows tell: the referral on the case that was under way starts
		// as RECEIVED, like the one that opened a case
		Response mine = api().as("kriminalforsorgen").get("/api/referrals?mine&size=100");
		assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
		JsonNode attached = item(mine, onExisting.text("/referralId"));
		JsonNode fresh = item(mine, onNew.text("/referralId"));
		assertThat(attached.get("state").asString()).isEqualTo("RECEIVED");
		assertThat(fresh.get("state").asString()).isEqualTo("RECEIVED");
		assertThat(fieldNames(attached)).isEqualTo(fieldNames(fresh));
		assertThat(fieldNames(attached)).doesNotContain("caseId", "caseNumber", "status", "attachedToExistingCase");
		assertThat(mine.body()).doesNotContain(caseId).doesNotContain(opening.text("/referralId"));

		// and the case stays out of reach
		Response hidden = api().as("kriminalforsorgen").get("/api/cases/" + caseId);
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.text("/detail")).isEqualTo("No case " + caseId + " that you have access to.");
		assertThat(api().as("kriminalforsorgen").get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);
		assertThat(api().as("kriminalforsorgen").get("/api/cases?size=100").body()).doesNotContain(caseId);
	}

	@Test
	void aSubmitterSeesItsOwnReferralsStateAndFeedbackAndNothingElse() {
		String cpr = FakeCpr.next();
		Map<String, Object> first = referral(cpr, "RIGHT_WING");
		subjectPart(first).put("name", "Første Fiktivsen");
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", first));
		Map<String, Object> mistyped = referral(cpr, "OTHER");
		subjectPart(mistyped).put("name", "Anden Fiktivsen");
		subjectPart(mistyped).put("address", "Andenvej 2, 2300 København S");
		Response receipt = api().as("sof").post("/api/referrals", mistyped);
		String referralId = receipt.text("/referralId");

		Response own = api().as("sof").get("/api/referrals/" + referralId);
		assertThat(own.status()).as(own.toString()).isEqualTo(200);
		assertThat(own.text("/receiptNumber")).isEqualTo(receipt.text("/receiptNumber"));
		assertThat(own.text("/subjectName")).as("the name as SOF gave it, not the case's").isEqualTo("Anden Fiktivsen");
		assertThat(own.text("/subjectAddress")).isEqualTo("Andenvej 2, 2300 København S");
		assertThat(own.text("/subjectCpr")).isEqualTo(cpr.substring(0, 6) + "-xxxx");
		assertThat(own.text("/concern")).isEqualTo("Fiktiv bekymring til test.");
		assertThat(own.text("/submittedBy")).isEqualTo("sof");
		assertThat(own.text("/state")).isEqualTo("RECEIVED");
		assertThat(own.json().get("feedback").isNull()).isTrue();
		assertThat(own.body()).doesNotContain("Første Fiktivsen").doesNotContain("buf").doesNotContain("KK-BUF");

		// the secretariat sees both names and is warned
		Response asSecretariat = api().as("sekretariat").get("/api/cases/" + caseId);
		JsonNode sofs = referralOnCase(asSecretariat, referralId);
		assertThat(sofs.at("/submittedSubject/warning").asString()).isEqualTo("Navn afviger – kontrollér CPR-nummer");
		assertThat(sofs.at("/submittedSubject/addressDiffers").asBoolean()).isTrue();

		Response feedback = api().as("sekretariat")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/feedback",
					Map.of("feedback", "Tak. Vi kontakter jer, hvis vi får brug for mere."));
		assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
		assertThat(feedback.text("/feedback")).isEqualTo("Tak. Vi kontakter jer, hvis vi får brug for mere.");
		assertThat(api().as("buf")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/feedback", Map.of("feedback", "x"))
			.status()).as("only the secretariat gives feedback").isEqualTo(404);

		Response afterFeedback = api().as("sof").get("/api/referrals/" + referralId);
		assertThat(afterFeedback.text("/feedback")).isEqualTo("Tak. Vi kontakter jer, hvis vi får brug for mere.");
		assertThat(afterFeedback.text("/state")).as("feedback means it was taken in").isEqualTo("IN_PROGRESS");
		assertThat(afterFeedback.text("/feedbackAt")).isNotBlank();

		moveTo(caseId, "SCREENING");
		moveTo(caseId, "CLOSED");
		assertThat(api().as("sof").get("/api/referrals/" + referralId).text("/state")).isEqualTo("CLOSED");

		// another organisation's referral is as unknown as a missing one
		String bufsReferral = this.jdbc
			.sql("select id::text from referral where case_id = ?::uuid and submitted_by_org = 'KK-BUF'")
			.param(caseId)
			.query(String.class)
			.single();
		Response foreign = api().as("sof").get("/api/referrals/" + bufsReferral);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.text("/detail")).isEqualTo("No referral " + bufsReferral + " from your organisation.");
		assertThat(api().as("sof").get("/api/referrals?mine&size=100").body()).doesNotContain(bufsReferral);

		Response withoutMine = api().as("sof").get("/api/referrals");
		assertThat(withoutMine.status()).isEqualTo(400);
		assertThat(withoutMine.text("/errors/0/field")).isEqualTo("mine");
		assertThat(api().as("auditor").get("/api/referrals?mine").status()).isEqualTo(403);

		Integer logged = this.jdbc.sql(
				"select count(*) from access_log where case_id = ?::uuid and what = 'OWN_REFERRAL' and username = 'sof'")
			.param(caseId)
			.query(Integer.class)
			.single();
		assertThat(logged).as("every look at an own referral shows a name, so it is a logged read").isEqualTo(4);
	}

	@Test
	void ownReferralsArePagedNewestFirst() {
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			sent.add(api().as("kriminalforsorgen")
				.post("/api/referrals", referral(FakeCpr.next(), "OTHER"))
				.text("/referralId"));
		}
		Response page = api().as("kriminalforsorgen").get("/api/referrals?mine&size=2");
		assertThat(page.json().get("items").findValuesAsString("referralId")).containsExactly(sent.get(2), sent.get(1));
		Response next = api().as("kriminalforsorgen")
			.get("/api/referrals?mine&size=2&cursor=" + page.text("/nextCursor"));
		assertThat(next.json().get("items").get(0).get("referralId").asString()).isEqualTo(sent.get(0));
	}

	@Test
	void theHistoryNamesOnlyTheReadersOwnOrganisationToThoseOutsideTheSecretariat() {
		String cpr = FakeCpr.next();
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "OTHER")));
		api().as("sof").post("/api/referrals", referral(cpr, "OTHER"));
		addParticipant(caseId, "KRIMINALFORSORGEN");
		addParticipant(caseId, "KK-BUF");
		moveTo(caseId, "SCREENING");
		api().as("kriminalforsorgen")
			.post("/api/cases/" + caseId + "/status-reports", Map.of("involvement", "IN_PROGRESS", "text", "Samtale"));

		Response asKif = api().as("kriminalforsorgen").get("/api/cases/" + caseId + "/history");
		assertThat(asKif.status()).as(asKif.toString()).isEqualTo(200);
		Set<String> organisations = new TreeSet<>(asKif.json().findValuesAsString("organisation"));
		assertThat(organisations).containsExactlyInAnyOrder("KRIMINALFORSORGEN", "koordineringsenheden",
				"en anden myndighed");
		assertThat(asKif.body()).doesNotContain("KK-BUF", "KK-SOF", "KK-BIF", "\"buf\"", "\"sof\"", "sekretariat",
				"requestId");
		assertThat(asKif.json().findValuesAsString("username")).containsOnly("kriminalforsorgen");

		Response asSecretariat = api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		assertThat(asSecretariat.json().findValuesAsString("organisation")).contains("KK-BUF", "KK-SOF",
				"KRIMINALFORSORGEN", "KK-BIF");
		assertThat(asSecretariat.json().findValuesAsString("username")).contains("buf", "sof", "sekretariat");

		// the case view minimises the same way: other organisations' staff are not named
		Response view = api().as("kriminalforsorgen").get("/api/cases/" + caseId);
		assertThat(view.json().get("referrals").findValuesAsString("organisation")).contains("KK-BUF", "KK-SOF");
		assertThat(view.json().get("referrals").findValues("submittedBy")).isEmpty();
		assertThat(view.json().get("participants").findValuesAsString("disclosedByOrganisation"))
			.containsOnly("koordineringsenheden");
		assertThat(view.json().get("participants").findValues("disclosedBy").stream().allMatch(JsonNode::isNull))
			.isTrue();
		assertThat(view.json().get("referrals").findValues("submittedSubject")).isEmpty();
		assertThat(view.json().get("referrals").findValues("receiptNumber")).isEmpty();
	}

	@Test
	void answersToChangesThatShowPersonalDataAreLoggedReads() {
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER")));
		int before = logged(caseId);
		moveTo(caseId, "SCREENING");
		assertThat(whatWasLogged(caseId, before)).containsExactly("CASE", "CASE");
		before = logged(caseId);
		Response added = api().as("sekretariat")
			.header("X-Purpose", "Forberedelse af samarbejde")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", "KRIMINALFORSORGEN", "legalBasis", "RETSPLEJELOVEN_115", "purpose", "x"));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		Response task = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks",
					Map.of("organisation", "KRIMINALFORSORGEN", "description", "Samtale", "dueDate", "2030-01-01"));
		assertThat(task.status()).as(task.toString()).isEqualTo(201);
		assertThat(whatWasLogged(caseId, before)).containsExactly("CASE_PARTICIPANTS", "CASE_TASKS");
		String purpose = this.jdbc
			.sql("select purpose from access_log where case_id = ?::uuid and what = 'CASE_PARTICIPANTS'")
			.param(caseId)
			.query(String.class)
			.single();
		assertThat(purpose).isEqualTo("Forberedelse af samarbejde");

		// a refused change shows nothing and logs nothing
		before = logged(caseId);
		assertThat(api().as("sekretariat")
			.post("/api/cases/" + caseId + "/transitions", transition("ACTIVE", null))
			.status()).isEqualTo(428);
		assertThat(logged(caseId)).isEqualTo(before);
	}

	@Test
	void aParticipantReportsOnItsTaskButOnlyTheSecretariatReplansIt() {
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER")));
		addParticipant(caseId, "KRIMINALFORSORGEN");
		Response given = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks",
					Map.of("organisation", "KRIMINALFORSORGEN", "description", "Samtale", "dueDate", "2030-01-01"));
		String path = "/api/cases/" + caseId + "/tasks/" + given.text("/taskId");
		String etag = given.header("ETag").orElseThrow();

		Response replanned = api().as("kriminalforsorgen")
			.header("If-Match", etag)
			.patch(path, Map.of("dueDate", "2031-01-01"));
		assertThat(replanned.status()).isEqualTo(403);
		assertThat(replanned.text("/detail")).isEqualTo(
				"Only the secretariat changes a task's description or due date; KRIMINALFORSORGEN reports its state and outcome.");
		Response reworded = api().as("kriminalforsorgen")
			.header("If-Match", etag)
			.patch(path, Map.of("description", "Noget andet"));
		assertThat(reworded.status()).isEqualTo(403);

		Response progress = api().as("kriminalforsorgen")
			.header("If-Match", etag)
			.patch(path, Map.of("state", "IN_PROGRESS", "outcome", "Første samtale holdt"));
		assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
		assertThat(progress.text("/state")).isEqualTo("IN_PROGRESS");

		Response moved = api().as("sekretariat")
			.header("If-Match", progress.header("ETag").orElseThrow())
			.patch(path, Map.of("dueDate", "2030-02-01"));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

		List<JsonNode> updates = new ArrayList<>();
		api().as("sekretariat")
			.get("/api/cases/" + caseId + "/history")
			.json()
			.forEach((entry) -> entry.get("changes").forEach((change) -> {
				if (change.get("type").asString().equals("TASK_UPDATED")) {
					updates.add(change);
				}
			}));
		assertThat(updates).hasSize(2);
		assertThat(updates.get(0).get("dueDateChanged").asBoolean()).isFalse();
		assertThat(updates.get(1).get("dueDateChanged").asBoolean()).isTrue();
		assertThat(updates.get(1).get("previousDueDate").asString()).isEqualTo("2030-01-01");
		assertThat(updates.get(1).get("dueDate").asString()).isEqualTo("2030-02-01");
	}

	private void moveTo(String caseId, String to) {
		Response read = api().as("sekretariat").get("/api/cases/" + caseId);
		Response moved = api().as("sekretariat")
			.header("If-Match", read.header("ETag").orElseThrow())
			.post("/api/cases/" + caseId + "/transitions", transition(to, to.equals("CLOSED") ? "NO_CONCERN" : null));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
	}

	private void addParticipant(String caseId, String organisation) {
		Response added = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", organisation, "legalBasis", "RETSPLEJELOVEN_115", "purpose", "Samarbejde"));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
	}

	private int logged(String caseId) {
		return this.jdbc.sql("select count(*) from access_log where case_id = ?::uuid")
			.param(caseId)
			.query(Integer.class)
			.single();
	}

	private List<String> whatWasLogged(String caseId, int skip) {
		return this.jdbc.sql("select what from access_log where case_id = ?::uuid order by id offset ?")
			.params(caseId, skip)
			.query(String.class)
			.list();
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(new TreeSet<>(node.propertyNames()));
	}

	private static JsonNode item(Response page, String referralId) {
		for (JsonNode item : page.json().get("items")) {
			if (item.get("referralId").asString().equals(referralId)) {
				return item;
			}
		}
		throw new AssertionError("referral " + referralId + " not in " + page);
	}

	private static JsonNode referralOnCase(Response view, String referralId) {
		for (JsonNode referral : view.json().get("referrals")) {
			if (referral.get("referralId").asString().equals(referralId)) {
				return referral;
			}
		}
		throw new AssertionError("referral " + referralId + " not in " + view);
	}

}
