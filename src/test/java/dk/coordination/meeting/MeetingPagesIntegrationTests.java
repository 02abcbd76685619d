package dk.coordination.meeting;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
import dk.coordination.support.TestClock;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting pages over real HTTP, logged in through Keycloak's login page as the demo
 * users: planning and a stale change, the agenda's draft worked and published, what an
 * invited organisation sees of it, a decision previewed (nothing saved), refused and
 * saved, the minutes approved; each checked through the API, which uses the same
 * services.
 */
class MeetingPagesIntegrationTests extends IntegrationTestEnvironment {

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private static final Pattern MEETING_PATH = Pattern.compile("/moeder/([0-9a-f-]{36})$");

	@Test
	void theSecretariatPlansAMeetingAndAStaleChangeShowsTheCurrentValuesAndKeepsWhatWasTyped() {
		WebSession secretariat = web("sekretariat");
		Page list = secretariat.get("/moeder");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.title()).isEqualTo("Møder – Koordineringsenheden");
		assertThat(list.html()).contains("<h1>Møder</h1>").contains("Planlæg et møde");

		Page invalid = secretariat.submit("/moeder",
				Map.of("unit", "KBH", "date", "31.02.2027", "time", "9", "durationMinutes", "90", "location", " "));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.html()).contains("Der er fejl i formularen")
			.contains("<a href=\"#planlaeg-date\">Datoen findes ikke. Skriv den som dd.mm.åååå.</a>")
			.contains("<a href=\"#planlaeg-location\">Skriv, hvor mødet holdes.</a>")
			.contains("<a href=\"#planlaeg-invited\">Vælg mindst én myndighed, der inviteres.</a>")
			.as("what was typed is kept")
			.contains("value=\"31.02.2027\"");

		LocalDate day = TestClock.today().plusDays(10);
		Page planned = secretariat.submit("/moeder", Map.of("unit", "KBH", "date", day.toString(), "time", "09:30",
				"durationMinutes", "120", "location", "Rådhuset, lokale 12", "invited", "KRIMINALFORSORGEN"));
		assertThat(planned.status()).as(planned.toString()).isEqualTo(200);
		Matcher path = MEETING_PATH.matcher(planned.uri().getPath());
		assertThat(path.find()).as("redirected to the meeting's page: " + planned.uri()).isTrue();
		String meetingId = path.group(1);
		assertThat(planned.html()).contains("er planlagt").contains("Rådhuset, lokale 12").contains("kl. 09.30");
		Response asApi = api().as("sekretariat").get("/api/meetings/" + meetingId);
		assertThat(asApi.text("/location")).isEqualTo("Rådhuset, lokale 12");
		assertThat(OffsetDateTime.parse(asApi.text("/startsAt")).toInstant())
			.isEqualTo(day.atTime(LocalTime.of(9, 30)).atZone(DANISH_TIME).toInstant());
		assertThat(secretariat.get("/moeder").html()).as("listed among the coming meetings")
			.contains("/moeder/" + meetingId + "\"");

		String version = hidden(planned, "form-aendr", "version");
		Response other = api().as("sekretariat")
			.header("If-Match", asApi.header("ETag").orElseThrow())
			.patch("/api/meetings/" + meetingId, Map.of("location", "Politigården"));
		assertThat(other.status()).as(other.toString()).isEqualTo(200);

		Page stale = secretariat.submit("/moeder/" + meetingId + "/aendr",
				Map.of("version", version, "date", day.toString(), "time", "10:00", "durationMinutes", "120",
						"location", "Mit nye sted", "invited", "KRIMINALFORSORGEN"));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.html()).contains("Mødet er ændret af en anden")
			.contains("Siden viser nu mødet, som det er:")
			.contains("Politigården")
			.as("what the user typed is still in the form")
			.contains("value=\"Mit nye sted\"");
		assertThat(api().as("sekretariat").get("/api/meetings/" + meetingId).text("/location"))
			.isEqualTo("Politigården");

		Page changed = secretariat.submit("/moeder/" + meetingId + "/aendr",
				Map.of("version", hidden(stale, "form-aendr", "version"), "date", day.toString(), "time", "10:00",
						"durationMinutes", "120", "location", "Mit nye sted", "invited", "KRIMINALFORSORGEN"));
		assertThat(changed.html()).contains("Mødet er ændret.");
		assertThat(api().as("sekretariat").get("/api/meetings/" + meetingId).text("/location"))
			.isEqualTo("Mit nye sted");

		Page cancelled = secretariat.submit("/moeder/" + meetingId + "/aflys",
				Map.of("version", hidden(changed, "form-aflys", "version")));
		assertThat(cancelled.html()).contains("Mødet er aflyst.").doesNotContain("form-aendr");
		assertThat(api().as("sekretariat").get("/api/meetings/" + meetingId).text("/state")).isEqualTo("CANCELLED");
	}

	@Test
	void theAgendaIsDraftedReorderedEditedAndPublishedAndTheInvitedSeeItMinimisedAsTheApiGivesIt() {
		String first = caseAwaitingMeeting(false);
		String second = caseAwaitingMeeting(false);
		String meetingId = plan(List.of("KRIMINALFORSORGEN"));
		String agendaPath = "/moeder/" + meetingId + "/dagsorden";
		WebSession secretariat = web("sekretariat");

		Page draft = secretariat.get(agendaPath);
		assertThat(draft.status()).isEqualTo(200);
		assertThat(draft.title()).startsWith("Dagsorden ").endsWith(" – Koordineringsenheden");
		Page proposed = secretariat.submit(agendaPath + "/forslag",
				Map.of("version", hidden(draft, "form-forslag", "version")));
		assertThat(proposed.html()).contains("Forslaget er hentet.")
			.contains(caseNumber(first))
			.contains(caseNumber(second))
			.as("why each item is there")
			.contains("Ny bekymringshenvendelse til behandling")
			.contains("Initialer T.F.");

		Page added = secretariat.submit(agendaPath + "/punkter",
				Map.of("version", hidden(proposed, "form-nytpunkt", "version"), "title", "Orientering fra politiet"));
		assertThat(added.html()).contains("Punktet &quot;Orientering fra politiet&quot; er tilføjet dagsordenen.");
		List<String> titles = titles(api().as("sekretariat").get("/api/meetings/" + meetingId + "/agenda").json());
		assertThat(titles.get(titles.size() - 1)).isEqualTo("Orientering fra politiet");

		String freeItem = itemId(api().as("sekretariat").get("/api/meetings/" + meetingId + "/agenda").json(),
				"Orientering fra politiet");
		Page moved = secretariat.submit(agendaPath + "/punkter/" + freeItem + "/flyt",
				Map.of("version", hidden(added, "form-udsend", "version"), "retning", "op"));
		assertThat(moved.html()).contains("Punktet er flyttet til plads " + (titles.size() - 1) + ".");
		List<String> after = titles(api().as("sekretariat").get("/api/meetings/" + meetingId + "/agenda").json());
		assertThat(after.indexOf("Orientering fra politiet")).isEqualTo(titles.size() - 2);

		// a button on a page read before the move is stale: nothing happens
		Page stale = secretariat.submit(agendaPath + "/punkter/" + freeItem + "/fjern",
				Map.of("version", hidden(added, "form-udsend", "version")));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.html()).contains("Mødet er ændret af en anden");

		Page removed = secretariat.submit(agendaPath + "/punkter/" + freeItem + "/fjern",
				Map.of("version", hidden(moved, "form-udsend", "version")));
		assertThat(removed.html()).contains("Punktet er fjernet fra dagsordenen.");
		assertThat(titles(api().as("sekretariat").get("/api/meetings/" + meetingId + "/agenda").json()))
			.doesNotContain("Orientering fra politiet");

		Page published = secretariat.submit(agendaPath + "/udsend",
				Map.of("version", hidden(removed, "form-udsend", "version")));
		assertThat(published.html()).contains("Dagsordenen er udsendt som version 1.")
			.contains("href=\"" + agendaPath + "?version=1\"");
		assertThat(api().as("sekretariat").get("/api/meetings/" + meetingId).text("/state"))
			.isEqualTo("AGENDA_PUBLISHED");

		// KiF takes part in neither case: the case number and the reason only, no forms
		JsonNode asKif = api().as("kriminalforsorgen").get("/api/meetings/" + meetingId + "/agenda").json();
		Page invited = web("kriminalforsorgen").get(agendaPath);
		assertThat(invited.status()).isEqualTo(200);
		// the proposal drafts every case due in the unit, other tests' too (where KiF may
		// take part and see initials), so the minimisation is checked on this test's
		// cases
		for (String caseId : List.of(first, second)) {
			assertThat(agendaItem(invited, itemId(asKif, "Sag " + caseNumber(caseId)))).contains(caseNumber(caseId))
				.doesNotContain("Initialer");
		}
		assertThat(invited.html()).contains("Version 1, udsendt")
			.doesNotContain("Flyt op")
			.doesNotContain("form-udsend")
			.doesNotContain("/sager/" + first);
		for (String title : titles(asKif)) {
			assertThat(invited.html()).contains(title);
		}
		assertThat(titles(asKif)).contains("Sag " + caseNumber(first));

		Page pdf = web("kriminalforsorgen").get(agendaPath + ".pdf");
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.contentType()).startsWith("application/pdf");
		assertThat(pdf.html()).startsWith("%PDF");
		Page ics = secretariat.get("/moeder/" + meetingId + "/invitation.ics");
		assertThat(ics.contentType()).startsWith("text/calendar");
		assertThat(ics.html()).contains("BEGIN:VCALENDAR").contains("UID:" + meetingId + "@coordination");

		// Socialforvaltningen is not invited: the same 404 as for a meeting that does not
		// exist
		WebSession sof = web("sof");
		Page hidden = sof.get("/moeder/" + meetingId);
		Page missing = sof.get("/moeder/" + UUID.randomUUID());
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(hidden.title()).isEqualTo(missing.title());
		assertThat(sof.get(agendaPath).status()).isEqualTo(404);
		assertThat(sof.get(agendaPath + ".pdf").status()).isEqualTo(404);
		assertThat(sof.get("/moeder").html()).doesNotContain(meetingId);
	}

	@Test
	void aDecisionIsPreviewedWithoutSavingARefusedTransitionIsSaidBesideTheFieldAndTheMinutesAreApproved() {
		String caseId = caseAwaitingMeeting(false);
		String meetingId = plan(List.of("KRIMINALFORSORGEN"));
		publish(meetingId);
		String itemId = MeetingCycleIntegrationTests
			.itemFor(api().as("sekretariat").get("/api/meetings/" + meetingId + "/agenda").json(), caseId);
		String path = "/moeder/" + meetingId + "/moedet";
		WebSession secretariat = web("sekretariat");
		Page page = secretariat.get(path);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.html()).contains("Sagens status nu: Afventer møde").contains("Se virkning");
		String form = "form-beslutning-" + itemId;

		Map<String, String> decision = new LinkedHashMap<>();
		decision.put("version", hidden(page, form, "version"));
		decision.put("minutes", "Enheden vurderer bekymringen som begrundet.");
		decision.put("to", "ACTIVE");
		decision.put("reason", "Besluttet på mødet");
		decision.put("participant", "KRIMINALFORSORGEN");
		decision.put("legalBasis", "RETSPLEJELOVEN_115");
		decision.put("purpose", "Opfølgning ved løsladelse");
		decision.put("taskOrganisation", "KRIMINALFORSORGEN");
		decision.put("taskDescription", "Samtale før løsladelse");
		decision.put("taskDueDate", TestClock.today().plusDays(14).toString());
		// a second authority and a second task in the same decision, the first try
		// without the purpose the second disclosure needs
		decision.put("participant2", "KBH-POLITI");
		decision.put("legalBasis2", "RETSPLEJELOVEN_115");
		decision.put("purpose2", "");
		decision.put("taskOrganisation2", "KBH-POLITI");
		decision.put("taskDescription2", "Orienter nærpolitiet");
		decision.put("handling", "vis");
		Page incomplete = secretariat.submit(path + "/punkter/" + itemId, decision);
		assertThat(incomplete.status()).isEqualTo(400);
		assertThat(incomplete.html())
			.contains("<a href=\"#beslutning-" + itemId
					+ "-purpose2\">Skriv formålet med, at den anden myndighed deltager.</a>")
			.contains("value=\"Orienter nærpolitiet\"");
		decision.put("purpose2", "Nærpolitiets kendskab til miljøet");
		Page preview = secretariat.submit(path + "/punkter/" + itemId, decision);
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.html()).contains("Status: Afventer møde → Aktiv")
			.contains("Deltager tilføjes: Kriminalforsorgen Hovedstaden (hjemmel: retsplejeloven § 115)")
			.contains("Deltager tilføjes: Københavns Politi (hjemmel: retsplejeloven § 115)")
			.contains("Opgave oprettes til Kriminalforsorgen Hovedstaden: Samtale før løsladelse, frist")
			.contains("Opgave oprettes til Københavns Politi: Orienter nærpolitiet")
			.contains("enhedens standardfrist på 30 dage")
			.contains("Intet er gemt endnu")
			.contains("Enheden vurderer bekymringen som begrundet.");
		Response theCase = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(theCase.text("/status")).as("the preview saves nothing").isEqualTo("AWAITING_MEETING");
		assertThat(theCase.json().get("tasks").findValuesAsString("description")).isEmpty();
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId + "/participants").json()).isEmpty();
		assertThat(api().as("sekretariat")
			.get("/api/meetings/" + meetingId + "/minutes")
			.json()
			.get("items")
			.findValuesAsString("minutes")).isEmpty();

		decision.put("handling", "gem");
		decision.put("to", "RECEIVED");
		decision.put("version", hidden(preview, form, "version"));
		Page refused = secretariat.submit(path + "/punkter/" + itemId, decision);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.html()).contains("Ændringen blev ikke gemt")
			.as("beside the status field")
			.contains("id=\"beslutning-" + itemId + "-to-error\"")
			.contains("Sagen kan ikke skifte til den valgte status fra sin nuværende status")
			.contains("Opfølgning ved løsladelse");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).text("/status")).isEqualTo("AWAITING_MEETING");
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId + "/participants").json()).isEmpty();

		decision.put("to", "ACTIVE");
		decision.put("version", hidden(refused, form, "version"));
		Page saved = secretariat.submit(path + "/punkter/" + itemId, decision);
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.html()).contains("Sag " + caseNumber(caseId) + " har nu status Aktiv.")
			.contains("Enheden vurderer bekymringen som begrundet.")
			.doesNotContain(form);
		theCase = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(theCase.text("/status")).isEqualTo("ACTIVE");
		assertThat(theCase.json().get("tasks").findValuesAsString("description"))
			.containsExactlyInAnyOrder("Samtale før løsladelse", "Orienter nærpolitiet");
		assertThat(theCase.json().get("participants").findValuesAsString("organisation"))
			.containsExactlyInAnyOrder("KRIMINALFORSORGEN", "KBH-POLITI");

		assertThat(web("kriminalforsorgen").get(path).html()).as("not approved yet")
			.contains("Referatet er ikke godkendt endnu.")
			.doesNotContain("Enheden vurderer");
		Page attended = secretariat.submit(path + "/fremmoede",
				Map.of("version", hidden(saved, "form-fremmoede", "version"), "attendees-KK-BIF",
						"Sofie Sekretariatsen", "attendees-KRIMINALFORSORGEN",
						"Karen Forsorgsen, Kim Kriminalforsorg"));
		assertThat(attended.html()).contains("Fremmødet er gemt (3 deltagere).");
		Page approved = secretariat.submit(path + "/godkend",
				Map.of("version", hidden(attended, "form-godkend", "version")));
		assertThat(approved.html()).contains("Referatet er godkendt, og mødet er afholdt.")
			.doesNotContain("form-godkend");
		assertThat(api().as("sekretariat").get("/api/meetings/" + meetingId).text("/state")).isEqualTo("HELD");
		assertThat(web("kriminalforsorgen").get(path).html()).contains("Enheden vurderer bekymringen som begrundet.")
			.contains("Karen Forsorgsen");
	}

	private String plan(List<String> invited) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt",
				TestClock.today()
					.plusDays(7)
					.atTime(LocalTime.of(9, 0))
					.atZone(DANISH_TIME)
					.toOffsetDateTime()
					.toString());
		body.put("durationMinutes", 90);
		body.put("location", "Københavns Rådhus");
		body.put("invited", invited);
		Response planned = api().as("sekretariat").post("/api/meetings", body);
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		return planned.text("/meetingId");
	}

	private void publish(String meetingId) {
		String meeting = "/api/meetings/" + meetingId;
		Response proposal = api().as("sekretariat")
			.header("If-Match", api().as("sekretariat").get(meeting).header("ETag").orElseThrow())
			.post(meeting + "/agenda/proposal", Map.of());
		Response published = api().as("sekretariat")
			.header("If-Match", proposal.header("ETag").orElseThrow())
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
	}

	private String caseNumber(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");
	}

	private static List<String> titles(JsonNode agenda) {
		List<String> titles = new ArrayList<>();
		agenda.get("items").valueStream().forEach((item) -> titles.add(item.get("title").asString()));
		return titles;
	}

	/** The agenda item's entry on the page. */
	private static String agendaItem(Page page, String itemId) {
		int start = page.html().indexOf("id=\"punkt-" + itemId + "\"");
		assertThat(start).as("item %s on the page", itemId).isPositive();
		return page.html().substring(start, page.html().indexOf("</li>", start));
	}

	private static String itemId(JsonNode agenda, String title) {
		return agenda.get("items")
			.valueStream()
			.filter((item) -> item.get("title").asString().equals(title))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
	}

	/** The value of a hidden field of the form with this id. */
	private static String hidden(Page page, String formId, String field) {
		Matcher matcher = Pattern
			.compile("id=\"" + Pattern.quote(formId) + "\"[\\s\\S]*?name=\"" + field + "\" value=\"([^\"]*)\"")
			.matcher(page.html());
		assertThat(matcher.find()).as("a " + field + " in " + formId + ":\n" + page).isTrue();
		return matcher.group(1);
	}

}
