package dk.coordination.casework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case page over real HTTP, logged in through Keycloak's real login page as the demo
 * users: what each of them sees of one case, and its forms working the case through the
 * same services as the API (checked through the API).
 */
class CasePagesIntegrationTests extends IntegrationTestEnvironment {

	private static final Pattern TRANSITION = Pattern.compile("<input[^>]*name=\"to\"[^>]*value=\"([A-Z_]+)\"");

	@Test
	@SuppressWarnings("unchecked")
	void theSecretariatSeesTheSubjectTheReferralsWithTheMismatchAndOnlyTheTransitionsAllowedNow() {
		String cpr = FakeCpr.next();
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "RIGHT_WING")));
		Map<String, Object> again = referral(cpr, "UNCLEAR");
		((Map<String, Object>) again.get("subject")).put("name", "Testperson Andersen");
		again.put("concern", "Andet fiktivt indhold fra Kriminalforsorgen.");
		api().as("kriminalforsorgen").post("/api/referrals", again);
		String caseNumber = api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");

		Page page = web("sekretariat").get("/sager/" + caseId);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Sag " + caseNumber + " – Koordineringsenheden");
		assertThat(page.html()).contains("<h1>Sag " + caseNumber + "</h1>")
			.contains("Testperson Fiktiv")
			.contains("Fiktivvej 1, 2300 København S")
			.as("the secretariat sees the CPR number in full")
			.contains(cpr)
			.contains("Fiktiv bekymring til test.")
			.contains("Andet fiktivt indhold fra Kriminalforsorgen.")
			.contains("Navn afviger – kontrollér CPR-nummer")
			.contains("Testperson Andersen")
			.contains("Henvendelse fra Børne- og Ungdomsforvaltningen")
			.contains("Højreekstremisme");
		assertThat(transitionsOffered(page)).as("a received case may be screened or closed, nothing else")
			.containsExactly("SCREENING", "CLOSED");
		assertThat(page.html()).contains("Lukkeårsag")
			.contains("Tilføj en deltagende myndighed")
			.as("the secretariat of model 1 is KK-BIF, a municipal department: it has the thread")
			.contains("Kommunal koordinering");

		String version = versionOf(page, "form-status");
		moveThroughApi(caseId, "SCREENING");
		assertThat(transitionsOffered(web("sekretariat").get("/sager/" + caseId))).containsExactly("AWAITING_MEETING",
				"CLOSED");
		assertThat(versionOf(web("sekretariat").get("/sager/" + caseId), "form-status")).isNotEqualTo(version);
	}

	@Test
	void movingTheCaseWithAReasonChangesItsStatusAndTheTimelineShowsWhyAndWho() {
		String caseId = newCase();
		WebSession secretariat = web("sekretariat");
		Page page = secretariat.get("/sager/" + caseId);
		assertThat(page.html()).as("the system's own status reason is Danish like everyone else's")
			.contains("Bekymringshenvendelse modtaget")
			.doesNotContain("Concern received");

		Page moved = secretariat.submit("/sager/" + caseId + "/status",
				Map.of("version", versionOf(page, "form-status"), "to", "SCREENING", "reason",
						"Sekretariatet screener henvendelsen i dag.", "closingReason", ""));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.uri().getPath()).as("back on the case page after the redirect").isEqualTo("/sager/" + caseId);
		assertThat(moved.html()).contains("alert-success").contains("Sagen har nu status Screening.");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("SCREENING");
		assertThat(timeline(moved)).contains("Status skiftet fra Modtaget til Screening.")
			.contains("Sekretariatet screener henvendelsen i dag.")
			.contains("sekretariat, Beskæftigelses- og Integrationsforvaltningen");
		assertThat(secretariat.get("/sager/" + caseId).html()).as("the success message is shown once")
			.doesNotContain("Sagen har nu status Screening.");

		Page closed = secretariat.submit("/sager/" + caseId + "/status",
				Map.of("version", versionOf(moved, "form-status"), "to", "CLOSED", "reason",
						"Ingen grund til bekymring.", "closingReason", "NO_CONCERN"));
		assertThat(closed.html()).contains("Sagen har nu status Lukket.");
		Response asApi = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(asApi.text("/status")).isEqualTo("CLOSED");
		assertThat(asApi.text("/closingReason")).isEqualTo("NO_CONCERN");
		assertThat(timeline(closed)).contains("Lukkeårsag: Ingen bekymring.");
	}

	@Test
	void aMissingReasonOrClosingReasonIsAnErrorSummaryAndChangesNothing() {
		String caseId = newCase();
		WebSession secretariat = web("sekretariat");
		Page page = secretariat.get("/sager/" + caseId);

		Page refused = secretariat.submit("/sager/" + caseId + "/status", Map.of("version",
				versionOf(page, "form-status"), "to", "CLOSED", "reason", "   ", "closingReason", ""));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.html()).contains("data-module=\"error-summary\"")
			.contains("Der er fejl i formularen")
			.contains("<a href=\"#status-reason\">Skriv en begrundelse for statusskiftet.</a>")
			.contains("<a href=\"#status-closingReason\">Vælg en lukkeårsag, når sagen lukkes.</a>")
			.contains("aria-describedby=\"status-reason-hint status-reason-error\"");
		assertThat(checkedTransition(refused)).as("what the user chose is kept").isEqualTo("CLOSED");
		assertThat(refused.html()).as("the form is open").contains("<details class=\"details\" open=\"open\">");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("RECEIVED");
	}

	@Test
	void aStaleEditShowsTheCurrentStateAndKeepsWhatTheUserTyped() {
		String caseId = newCase();
		WebSession secretariat = web("sekretariat");
		String oldVersion = versionOf(secretariat.get("/sager/" + caseId), "form-status");
		// meanwhile a colleague screens the case through the API
		moveThroughApi(caseId, "SCREENING");

		String typed = "Lukkes: den nye bekymring viste sig at være en misforståelse.";
		Page stale = secretariat.submit("/sager/" + caseId + "/status",
				Map.of("version", oldVersion, "to", "CLOSED", "reason", typed, "closingReason", "NO_CONCERN"));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.html()).contains("Sagen er ændret af en anden")
			.contains("status er Screening")
			.contains(">" + typed + "</textarea>")
			.contains("<td id=\"nuvaerende-status\">Screening</td>");
		assertThat(checkedTransition(stale)).isEqualTo("CLOSED");
		assertThat(stale.html()).contains("value=\"NO_CONCERN\" selected=\"selected\"");
		String freshVersion = versionOf(stale, "form-status");
		assertThat(freshVersion).as("the form now carries the current version").isNotEqualTo(oldVersion);
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("SCREENING");

		Page resubmitted = secretariat.submit("/sager/" + caseId + "/status",
				Map.of("version", freshVersion, "to", "CLOSED", "reason", typed, "closingReason", "NO_CONCERN"));
		assertThat(resubmitted.html()).contains("Sagen har nu status Lukket.");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("CLOSED");
	}

	@Test
	void theSecretariatAddsAParticipantAndGivesItATaskWhichTheLiaisonUpdatesAndReportsOn() {
		String caseId = newCase();
		WebSession secretariat = web("sekretariat");
		secretariat.get("/sager/" + caseId);
		Page added = secretariat.submit("/sager/" + caseId + "/deltagere", Map.of("organisation", "KRIMINALFORSORGEN",
				"legalBasis", "RETSPLEJELOVEN_115", "purpose", "Koordinering af indsatsen efter løsladelse"));
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.html()).contains("Kriminalforsorgen Hovedstaden deltager nu i sagen.")
			.contains("Koordinering af indsatsen efter løsladelse");
		Page twice = secretariat.submit("/sager/" + caseId + "/deltagere",
				Map.of("organisation", "KRIMINALFORSORGEN", "legalBasis", "RETSPLEJELOVEN_115", "purpose", "Igen"));
		assertThat(twice.status()).as("a refusal is a message beside the form, not an error page").isEqualTo(409);
		assertThat(twice.html()).contains("Myndigheden deltager allerede i sagen.").contains(">Igen</textarea>");

		Page tasked = secretariat.submit("/sager/" + caseId + "/opgaver", Map.of("organisation", "KRIMINALFORSORGEN",
				"description", "Tal med personen om boligen", "dueDate", "2099-12-24"));
		assertThat(tasked.html()).contains("Opgaven er givet til Kriminalforsorgen Hovedstaden.")
			.contains("Tal med personen om boligen")
			.contains("24. december 2099");
		JsonNode task = api().as("sekretariat").get("/api/cases/" + caseId + "/tasks").json().get(0);
		assertThat(task.get("organisation").asString()).isEqualTo("KRIMINALFORSORGEN");

		WebSession liaison = web("kriminalforsorgen");
		Page asLiaison = liaison.get("/sager/" + caseId);
		assertThat(asLiaison.status()).isEqualTo(200);
		assertThat(asLiaison.html()).contains("Testperson Fiktiv")
			.as("a participant does not move the case, add participants or see the municipal thread")
			.doesNotContain("id=\"form-status\"")
			.doesNotContain("id=\"form-deltager\"")
			.doesNotContain("Kommunal koordinering")
			.as("nor read a referral the secretariat has not shared")
			.doesNotContain("Fiktiv bekymring til test.")
			.contains("Skriv en statusrapport");
		String taskId = task.get("taskId").asString();
		String taskForm = "form-opgave-" + taskId;
		assertThat(asLiaison.html()).contains("id=\"" + taskForm + "\"");

		Page noOutcome = liaison.submit("/sager/" + caseId + "/opgaver/" + taskId,
				Map.of("version", versionOf(asLiaison, taskForm), "state", "DONE", "outcome", ""));
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(noOutcome.html()).contains("<a href=\"#opgave-" + taskId
				+ "-outcome\">Skriv resultatet, når opgaven er udført eller annulleret.</a>");

		Page updated = liaison.submit("/sager/" + caseId + "/opgaver/" + taskId, Map.of("version",
				versionOf(noOutcome, taskForm), "state", "IN_PROGRESS", "outcome", "Første samtale er holdt"));
		assertThat(updated.html()).contains("Opgaven er gemt med tilstanden I gang.");
		JsonNode now = api().as("sekretariat").get("/api/cases/" + caseId + "/tasks").json().get(0);
		assertThat(now.get("state").asString()).isEqualTo("IN_PROGRESS");
		assertThat(now.get("outcome").asString()).isEqualTo("Første samtale er holdt");

		Page staleTask = liaison.submit("/sager/" + caseId + "/opgaver/" + taskId,
				Map.of("version", versionOf(asLiaison, taskForm), "state", "DONE", "outcome", "Afsluttet for tidligt"));
		assertThat(staleTask.status()).isEqualTo(412);
		assertThat(staleTask.html()).contains("Opgaven har nu tilstanden I gang.")
			.contains(">Afsluttet for tidligt</textarea>");

		Page reported = liaison.submit("/sager/" + caseId + "/statusrapporter",
				Map.of("involvement", "IN_PROGRESS", "text", "Tilsynet er i gang; næste møde om to uger."));
		assertThat(reported.html()).contains("Statusrapporten er gemt.")
			.contains("Tilsynet er i gang; næste møde om to uger.");
		JsonNode report = api().as("sekretariat").get("/api/cases/" + caseId).json().get("latestStatusReports").get(0);
		assertThat(report.get("organisation").asString()).isEqualTo("KRIMINALFORSORGEN");
		assertThat(report.get("involvement").asString()).isEqualTo("IN_PROGRESS");
		assertThat(timeline(secretariat.get("/sager/" + caseId)))
			.contains("Statusrapport fra Kriminalforsorgen Hovedstaden: I gang.")
			.contains("Opgaven hos Kriminalforsorgen Hovedstaden skiftede fra Planlagt til I gang.");

		assertThat(liaison.get("/sager/" + caseId).html()).contains("id=\"" + taskForm + "\"")
			.as("the organisation reports on its task; only the secretariat re-plans it")
			.doesNotContain("id=\"opgave-" + taskId + "-description\"");
		Page secretariatView = secretariat.get("/sager/" + caseId);
		assertThat(secretariatView.html()).contains("id=\"opgave-" + taskId + "-description\"")
			.contains("value=\"2099-12-24\"");
		Page blank = secretariat.submit("/sager/" + caseId + "/opgaver/" + taskId, Map.of("version",
				versionOf(secretariatView, taskForm), "state", "IN_PROGRESS", "outcome", "", "description", " "));
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.html()).contains("<a href=\"#opgave-" + taskId + "-description\">Beskriv opgaven.</a>");
		Page replanned = secretariat.submit("/sager/" + caseId + "/opgaver/" + taskId,
				Map.of("version", versionOf(blank, taskForm), "state", "IN_PROGRESS", "outcome", "", "description",
						"Tal med personen om boligen og jobbet", "dueDate", "31.01.2100"));
		assertThat(replanned.status()).isEqualTo(200);
		assertThat(replanned.html()).contains("Tal med personen om boligen og jobbet").contains("31. januar 2100");
		JsonNode replannedTask = api().as("sekretariat").get("/api/cases/" + caseId + "/tasks").json().get(0);
		assertThat(replannedTask.get("description").asString()).isEqualTo("Tal med personen om boligen og jobbet");
		assertThat(replannedTask.get("dueDate").asString()).isEqualTo("2100-01-31");
		assertThat(replannedTask.get("outcome").asString()).as("a blank outcome leaves the outcome")
			.isEqualTo("Første samtale er holdt");
	}

	@Test
	void theSecretariatSetsTheFollowUpSharesAReferralGivesFeedbackWritesInTheThreadAndEndsAParticipation() {
		Response receipt = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "RIGHT_WING"));
		String caseId = caseIdOf(receipt);
		String referralId = receipt.text("/referralId");
		WebSession secretariat = web("sekretariat");
		Page page = secretariat.get("/sager/" + caseId);

		Page past = secretariat.submit("/sager/" + caseId + "/opfoelgning",
				Map.of("version", versionOf(page, "form-opfoelgning"), "date", "1.1.2001"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.html())
			.contains("<a href=\"#opfoelgning-date\">Datoen for næste opfølgning kan ikke ligge før i dag.</a>")
			.contains("value=\"1.1.2001\"");
		Page followUp = secretariat.submit("/sager/" + caseId + "/opfoelgning",
				Map.of("version", versionOf(page, "form-opfoelgning"), "date", "24.12.2099"));
		assertThat(followUp.html()).contains("Næste opfølgning er sat til 24. december 2099.");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/followUpDate")).isEqualTo("2099-12-24");

		secretariat.submit("/sager/" + caseId + "/deltagere",
				Map.of("organisation", "KBH-POLITI", "legalBasis", "RETSPLEJELOVEN_115", "purpose", "Forebyggelse"));
		assertThat(web("politi").get("/sager/" + caseId).html()).doesNotContain("Fiktiv bekymring til test.")
			.contains("Sekretariatet har ikke delt indholdet");
		// the button sends what the page offers: to share what is not shared
		Page shared = secretariat.submit("/sager/" + caseId + "/henvendelser/" + referralId + "/deling",
				Map.of("shared", hidden(secretariat.get("/sager/" + caseId), "form-deling-" + referralId, "shared")));
		assertThat(shared.html()).contains("Indholdet af henvendelsen er nu delt med de deltagende myndigheder.")
			.contains("Stop delingen med de deltagende myndigheder");
		assertThat(web("politi").get("/sager/" + caseId).html()).contains("Fiktiv bekymring til test.");

		Page feedback = secretariat.submit("/sager/" + caseId + "/henvendelser/" + referralId + "/tilbagemelding",
				Map.of("feedback", "Vi har taget bekymringen op i enheden."));
		assertThat(feedback.html()).contains("Tilbagemeldingen er sendt til Børne- og Ungdomsforvaltningen.");
		assertThat(api().as("buf").get("/api/referrals/" + referralId).text("/feedback"))
			.isEqualTo("Vi har taget bekymringen op i enheden.");

		Page note = secretariat.submit("/sager/" + caseId + "/kommunale-noter",
				Map.of("text", "BUF og SOF holder fælles møde med familien."));
		assertThat(note.html()).contains("Noten er gemt.").contains("BUF og SOF holder fælles møde med familien.");
		assertThat(web("politi").get("/sager/" + caseId).html()).as("the police never see the municipal thread")
			.doesNotContain("Kommunal koordinering")
			.doesNotContain("BUF og SOF holder fælles møde");

		Page ended = secretariat.submit("/sager/" + caseId + "/deltagere/KBH-POLITI/afslut",
				Map.of("reason", "Politiet har ikke længere en rolle"));
		assertThat(ended.html()).contains("Deltagelsen for Københavns Politi er afsluttet.");
		assertThat(web("politi").get("/sager/" + caseId).status()).isEqualTo(404);
		Page again = secretariat.submit("/sager/" + caseId + "/deltagere/KBH-POLITI/afslut", Map.of("reason", "Igen"));
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.html()).as("a participation gone meanwhile is a message on the case page")
			.contains("Myndigheden deltager ikke længere i sagen.")
			.contains("Sag ");
	}

	@Test
	void anUnrelatedUserGetsTheSame404AsForACaseThatDoesNotExist() {
		String caseId = newCase();
		WebSession sof = web("sof");
		Page hidden = sof.get("/sager/" + caseId);
		Page unknown = sof.get("/sager/" + UUID.randomUUID());
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.html()).contains("Siden findes ikke").doesNotContain("Testperson");
		assertThat(withoutToken(hidden.html())).isEqualTo(withoutToken(unknown.html()));
		assertThat(unknown.status()).isEqualTo(404);

		Page posted = sof.submit("/sager/" + caseId + "/status",
				Map.of("version", "0", "to", "CLOSED", "reason", "x", "closingReason", "NO_CONCERN"));
		assertThat(posted.status()).isEqualTo(404);
		assertThat(withoutToken(posted.html())).isEqualTo(withoutToken(unknown.html()));
		Page invalidPost = sof.submit("/sager/" + caseId + "/status", Map.of());
		assertThat(invalidPost.status()).as("even an invalid form does not tell that the case exists").isEqualTo(404);
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("RECEIVED");
	}

	@Test
	void theSubmittingCaseworkerIsNoParticipantAndGetsTheSame404() {
		String caseId = newCase();
		Page asSubmitter = web("buf").get("/sager/" + caseId);
		assertThat(asSubmitter.status()).isEqualTo(404);
		assertThat(asSubmitter.html()).doesNotContain("Testperson");
	}

	private String newCase() {
		Response receipt = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "RIGHT_WING"));
		assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
		return caseIdOf(receipt);
	}

	private void moveThroughApi(String caseId, String to) {
		String etag = api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("to", to);
		body.put("reason", "Flyttet af en kollega");
		Response moved = api().as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions", body);
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
	}

	private static List<String> transitionsOffered(Page page) {
		List<String> offered = new ArrayList<>();
		Matcher matcher = TRANSITION.matcher(page.html());
		while (matcher.find()) {
			offered.add(matcher.group(1));
		}
		return offered;
	}

	private static String checkedTransition(Page page) {
		Matcher matcher = Pattern.compile("<input[^>]*name=\"to\"[^>]*value=\"([A-Z_]+)\"[^>]*checked")
			.matcher(page.html());
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The version in the hidden field of the form with this id. */
	private static String versionOf(Page page, String formId) {
		return hidden(page, formId, "version");
	}

	/** The value of a hidden field of the form with this id. */
	private static String hidden(Page page, String formId, String field) {
		Matcher matcher = Pattern
			.compile("id=\"" + Pattern.quote(formId) + "\"[\\s\\S]*?name=\"" + field + "\" value=\"([^\"]*)\"")
			.matcher(page.html());
		assertThat(matcher.find()).as("a " + field + " in " + formId).isTrue();
		return matcher.group(1);
	}

	private static String timeline(Page page) {
		int start = page.html().indexOf("<ol class=\"timeline\">");
		assertThat(start).as("the page has a timeline").isPositive();
		return page.html().substring(start, page.html().indexOf("</ol>", start));
	}

	/** The page without its CSRF token, which differs from page to page. */
	private static String withoutToken(String html) {
		return html.replaceAll("<meta name=\"_csrf\" content=\"[^\"]*\">", "");
	}

}
