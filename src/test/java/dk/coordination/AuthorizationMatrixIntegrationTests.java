package dk.coordination;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.support.AccessMatrix;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static dk.coordination.support.AccessMatrix.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Need to know, proven: every case endpoint × every demo user × the user's relation to
 * the case (its organisation submitted the concern, takes part in the case, or neither),
 * against the real security configuration with real Keycloak tokens, under model 1 and
 * under model 2. The expected answers are the tables below; {@code docs/access-rules.md}
 * is the same in prose. Rows such as {@code case.cpr} classify what a 200's body holds
 * (the CPR number in full or masked, referral content shown or withheld, the history
 * naming others or not), so a rule that leaks content fails as surely as one that answers
 * the wrong status.
 * <p>
 * Each cell gets a fresh case (cells that only read share one per user and relation), so
 * no answer depends on what another cell did. The whole matrix is compared before
 * failing, and written to {@code target/authorization-matrix.txt}.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTestEnvironment {

	private static final List<String> RELATIONS = List.of("own", "part", "unr");

	/**
	 * own: the user's organisation submitted the concern (and does not take part); part:
	 * it takes part in the case (another organisation submitted); unr: unrelated.
	 * "listed"/"absent": whether {@code GET /api/cases} shows the case, or
	 * {@code GET /api/referrals?mine} the referral. Submitting is no window on the case:
	 * the submitter follows its own referral only.
	 */
	private static final String EXPECTED_MODEL_1 = """
			# endpoint             sekretariat       politi            kriminalforsorgen  buf               sof               auditor           admin
			#                      own  part unr     own  part unr     own  part unr      own  part unr     own  part unr     own  part unr     own  part unr
			case.get               200  200  200     404  200  404     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			case.cpr               full full full    404  masked 404   404  masked 404    404  masked 404   404  masked 404   403  403  403     403  403  403
			case.content           shown shown shown  404 withheld 404  404 withheld 404  404 withheld 404  404 withheld 404  403 403 403  403 403 403
			case.list              listed listed listed  absent listed absent  absent listed absent  absent listed absent  absent listed absent  403 403 403  403 403 403
			history.get            200  200  200     404  200  404     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			history.names          named named named  404 anon 404     404  anon 404      404  anon 404     404  anon 404     403  403  403     403  403  403
			participants.get       200  200  200     404  200  404     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			tasks.get              200  200  200     404  200  404     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			tasks.staff            named named named  404 anon 404     404  anon 404      404  anon 404     404  anon 404     403  403  403     403  403  403
			notes.get              200  200  200     404  404  404     404  404  404      404  200  404     404  200  404     403  403  403     403  403  403
			transition.post        200  200  200     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			follow-up.put          200  200  200     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			participant.post       201  201  201     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			participant.end        200  200  200     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			task.post              201  201  201     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			task.patch             200  200  200     404  200  404     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			status-report.post     403  201  403     404  201  404     404  201  404      404  201  404     404  201  404     403  403  403     403  403  403
			referral-sharing.put   200  200  200     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			referral-feedback.put  200  200  200     404  403  404     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			notes.post             201  201  201     404  404  404     404  404  404      404  201  404     404  201  404     403  403  403     403  403  403
			own-referral.get       200  404  404     200  404  404     200  404  404      200  404  404     200  404  404     403  403  403     403  403  403
			own-referral.cpr       masked 404 404    masked 404 404    masked 404 404     masked 404 404    masked 404 404    403  403  403     403  403  403
			own-referrals.list     listed absent absent  listed absent absent  listed absent absent  listed absent absent  listed absent absent  403 403 403  403 403 403
			follow-ups.get         200  200  200     403  403  403     403  403  403      403  403  403     403  403  403     403  403  403     403  403  403
			access-log.get         403  403  403     403  403  403     403  403  403      403  403  403     403  403  403     200  200  200     403  403  403
			""";

	/**
	 * Model 2: the police run the secretariat; KK-BIF coordinates the municipality's own
	 * departments (the municipal thread of every case) but no longer sees the cases, and
	 * the police never see the thread.
	 */
	private static final String EXPECTED_MODEL_2 = """
			# endpoint             sekretariat       politi            kriminalforsorgen  buf               sof               auditor           admin
			#                      own  part unr     own  part unr     own  part unr      own  part unr     own  part unr     own  part unr     own  part unr
			case.get               404  200  404     200  200  200     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			case.cpr               404 masked 404    full full full    404  masked 404    404  masked 404   404  masked 404   403  403  403     403  403  403
			case.content           404 withheld 404  shown shown shown  404 withheld 404  404 withheld 404  404 withheld 404  403 403 403  403 403 403
			case.list              absent listed absent  listed listed listed  absent listed absent  absent listed absent  absent listed absent  403 403 403  403 403 403
			history.get            404  200  404     200  200  200     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			history.names          404  anon 404     named named named  404  anon 404     404  anon 404     404  anon 404     403  403  403     403  403  403
			participants.get       404  200  404     200  200  200     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			tasks.get              404  200  404     200  200  200     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			tasks.staff            404  anon 404     named named named  404  anon 404     404  anon 404     404  anon 404     403  403  403     403  403  403
			notes.get              200  200  200     404  404  404     404  404  404      404  200  404     404  200  404     403  403  403     403  403  403
			transition.post        404  403  404     200  200  200     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			follow-up.put          404  403  404     200  200  200     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			participant.post       404  403  404     201  201  201     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			participant.end        404  403  404     200  200  200     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			task.post              404  403  404     201  201  201     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			task.patch             404  403  404     200  200  200     404  200  404      404  200  404     404  200  404     403  403  403     403  403  403
			status-report.post     404  201  404     403  201  403     404  201  404      404  201  404     404  201  404     403  403  403     403  403  403
			referral-sharing.put   404  403  404     200  200  200     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			referral-feedback.put  404  403  404     200  200  200     404  403  404      404  403  404     404  403  404     403  403  403     403  403  403
			notes.post             201  201  201     404  404  404     404  404  404      404  201  404     404  201  404     403  403  403     403  403  403
			own-referral.get       200  404  404     200  404  404     200  404  404      200  404  404     200  404  404     403  403  403     403  403  403
			own-referral.cpr       masked 404 404    masked 404 404    masked 404 404     masked 404 404    masked 404 404    403  403  403     403  403  403
			own-referrals.list     listed absent absent  listed absent absent  listed absent absent  listed absent absent  listed absent absent  403 403 403  403 403 403
			follow-ups.get         403  403  403     200  200  200     403  403  403      403  403  403     403  403  403     403  403  403     403  403  403
			access-log.get         403  403  403     403  403  403     403  403  403      403  403  403     403  403  403     200  200  200     403  403  403
			""";

	private static final Map<String, String> ORGANISATION = Map.of("sekretariat", "KK-BIF", "politi", "KBH-POLITI",
			"kriminalforsorgen", "KRIMINALFORSORGEN", "buf", "KK-BUF", "sof", "KK-SOF", "auditor", "KK-BIF", "admin",
			"KK-BIF");

	/**
	 * Who submits a concern on behalf of each organisation (auditors and admins cannot).
	 */
	private static final Map<String, String> SUBMITTER = Map.of("KK-BIF", "sekretariat", "KBH-POLITI", "politi",
			"KRIMINALFORSORGEN", "kriminalforsorgen", "KK-BUF", "buf", "KK-SOF", "sof");

	private static final String TODAY = TestClock.today().toString();

	/**
	 * The endpoints; {@code true} marks those that change the case, which get a case of
	 * their own.
	 */
	private final AccessMatrix<Fixture> matrix = new AccessMatrix<>(RELATIONS);

	/** The user who is secretariat under the model being checked, for the fixtures. */
	private String secretariat;

	{
		this.matrix.read("case.get", (api, f) -> api.get(f.path()));
		this.matrix.read("case.cpr", (api, f) -> body(api.get(f.path()),
				(json) -> json.at("/subject/cpr").asString().endsWith("-xxxx") ? "masked" : "full"));
		this.matrix.read("case.content", (api, f) -> body(api.get(f.path()),
				(json) -> json.at("/referrals/0").has("concern") ? "shown" : "withheld"));
		this.matrix.read("case.list", (api, f) -> listed(api.get("/api/cases?size=100"), f.caseId()));
		this.matrix.read("history.get", (api, f) -> api.get(f.path() + "/history"));
		// whether the history names the organisation that sent the concern, and its user
		this.matrix.read("history.names", (api, f) -> body(api.get(f.path() + "/history"),
				(json) -> json.findValuesAsString("organisation").contains(f.submitterOrganisation())
						&& json.findValuesAsString("username").contains(SUBMITTER.get(f.submitterOrganisation()))
								? "named" : anonymous(json, f)));
		this.matrix.read("participants.get", (api, f) -> api.get(f.path() + "/participants"));
		this.matrix.read("tasks.get", (api, f) -> api.get(f.path() + "/tasks"));
		this.matrix.read("tasks.staff", (api, f) -> body(api.get(f.path() + "/tasks"),
				(json) -> json.findValues("createdBy").stream().allMatch(JsonNode::isNull) ? "anon" : "named"));
		this.matrix.read("notes.get", (api, f) -> api.get(f.path() + "/municipal-notes"));
		this.matrix.change("transition.post", (api, f) -> api.header("If-Match", f.caseETag())
			.post(f.path() + "/transitions", Map.of("to", "SCREENING", "reason", "matrix")));
		this.matrix.change("follow-up.put",
				(api, f) -> api.header("If-Match", f.caseETag()).put(f.path() + "/follow-up", Map.of("date", TODAY)));
		this.matrix.change("participant.post",
				(api, f) -> api.post(f.path() + "/participants",
						Map.of("organisation", f.organisation().equals("KK-SOF") ? "KK-BUF" : "KK-SOF", "legalBasis",
								"SUBJECT_CONSENT", "purpose", "matrix")));
		this.matrix.change("participant.end",
				(api, f) -> api.post(f.path() + "/participants/KK-SSP/end", Map.of("reason", "matrix")));
		this.matrix.change("task.post", (api, f) -> api.post(f.path() + "/tasks",
				Map.of("organisation", "KK-SSP", "description", "matrix", "dueDate", TODAY)));
		this.matrix.change("task.patch", (api, f) -> api.header("If-Match", f.taskETag())
			.patch(f.path() + "/tasks/" + f.taskId(), Map.of("state", "IN_PROGRESS")));
		this.matrix.change("status-report.post", (api, f) -> api.post(f.path() + "/status-reports",
				Map.of("involvement", "IN_PROGRESS", "text", "matrix")));
		this.matrix.change("referral-sharing.put", (api, f) -> api
			.put(f.path() + "/referrals/" + f.referralId() + "/sharing", Map.of("sharedWithParticipants", true)));
		this.matrix.change("referral-feedback.put", (api, f) -> api
			.put(f.path() + "/referrals/" + f.referralId() + "/feedback", Map.of("feedback", "matrix")));
		this.matrix.change("notes.post", (api, f) -> api.post(f.path() + "/municipal-notes", Map.of("text", "matrix")));
		this.matrix.read("own-referral.get", (api, f) -> api.get("/api/referrals/" + f.referralId()));
		this.matrix.read("own-referral.cpr", (api, f) -> body(api.get("/api/referrals/" + f.referralId()),
				(json) -> json.get("subjectCpr").asString().endsWith("-xxxx") ? "masked" : "full"));
		this.matrix.read("own-referrals.list",
				(api, f) -> listedReferral(api.get("/api/referrals?mine&size=100"), f.referralId()));
		this.matrix.read("follow-ups.get", (api, f) -> api.get("/api/follow-ups"));
		this.matrix.read("access-log.get", (api, f) -> api.get("/api/audit/access-log?case=" + f.caseId()));
	}

	@Test
	void underModel1EveryEndpointAnswersEveryUserAsTheAccessRulesSay() throws Exception {
		assertMatrix("MODEL_1", "sekretariat", EXPECTED_MODEL_1);
	}

	@Test
	void underModel2EveryEndpointAnswersEveryUserAsTheAccessRulesSay() throws Exception {
		switchTo("MODEL_2");
		try {
			assertMatrix("MODEL_2", "politi", EXPECTED_MODEL_2);
		}
		finally {
			switchTo("MODEL_1");
		}
	}

	private void assertMatrix(String model, String secretariat, String table) throws Exception {
		this.matrix.check(api(), this.matrix.parse(table, AccessMatrix.USERS.size() * RELATIONS.size()),
				(user, relation) -> fixture(secretariat, user, relation), model,
				Path.of("target", "authorization-matrix-" + model + ".txt"));
	}

	private void switchTo(String model) {
		Response switched = api().as("admin")
			.put("/api/units/KBH/secretariat-model", Map.of("model", model, "reason", "Matrix under " + model));
		assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
	}

	/**
	 * A fresh case that the user relates to as asked: submitted by the user's
	 * organisation (own) or another one; with the user's organisation as participant
	 * (part). KK-SSP always takes part and has a task, so ending a participation and
	 * updating a task have something to act on; a participating organisation has a task
	 * of its own.
	 */
	private Fixture fixture(String secretariat, String user, String relation) {
		String organisation = ORGANISATION.get(user);
		String submitterOrganisation = relation.equals("own") ? organisation
				: (organisation.equals("KK-SOF") ? "KK-BUF" : "KK-SOF");
		Response created = api().as(SUBMITTER.get(submitterOrganisation))
			.post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		this.secretariat = secretariat;
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String caseId = caseIdOf(created);
		String path = "/api/cases/" + caseId;
		participate(path, "KK-SSP");
		Response task = task(path, "KK-SSP");
		if (relation.equals("part")) {
			participate(path, organisation);
			task = task(path, organisation);
		}
		Response view = api().as(secretariat).get(path);
		return new Fixture(caseId, path, organisation, submitterOrganisation, task.text("/taskId"),
				task.header("ETag").orElseThrow(), view.header("ETag").orElseThrow(), created.text("/referralId"));
	}

	private void participate(String path, String organisation) {
		Response added = api().as(this.secretariat)
			.post(path + "/participants",
					Map.of("organisation", organisation, "legalBasis", "RETSPLEJELOVEN_115", "purpose", "matrix"));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
	}

	private Response task(String path, String organisation) {
		Response task = api().as(this.secretariat)
			.post(path + "/tasks", Map.of("organisation", organisation, "description", "matrix", "dueDate", TODAY));
		assertThat(task.status()).as(task.toString()).isEqualTo(201);
		return task;
	}

	private static String listed(Response page, String caseId) {
		if (page.status() != 200) {
			return String.valueOf(page.status());
		}
		return page.json().get("items").findValuesAsString("caseId").contains(caseId) ? "listed" : "absent";
	}

	/**
	 * "anon" when the history names neither the submitting organisation nor its user and
	 * does call it "en anden myndighed"; otherwise something leaked half-way.
	 */
	private static String anonymous(JsonNode history, Fixture fixture) {
		boolean orgNamed = history.findValuesAsString("organisation").contains(fixture.submitterOrganisation());
		boolean userNamed = history.findValuesAsString("username")
			.contains(SUBMITTER.get(fixture.submitterOrganisation()));
		boolean replaced = history.findValuesAsString("organisation").contains("en anden myndighed");
		return (!orgNamed && !userNamed && replaced) ? "anon" : "leaks(org=" + orgNamed + ",user=" + userNamed + ")";
	}

	private static String listedReferral(Response page, String referralId) {
		if (page.status() != 200) {
			return String.valueOf(page.status());
		}
		return page.json().get("items").findValuesAsString("referralId").contains(referralId) ? "listed" : "absent";
	}

	/**
	 * @param taskETag, caseETag the versions as the secretariat last read them, so the
	 * secretariat's changes pass If-Match and others are judged on their rights alone
	 */
	private record Fixture(String caseId, String path, String organisation, String submitterOrganisation, String taskId,
			String taskETag, String caseETag, String referralId) {
	}

}
