package dk.coordination.casework;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sager page and the list it shows, over real HTTP: every filter narrows the list in
 * the query (the API and the page alike), a search finds a case by number or by CPR
 * number without the CPR number in any address the browser saw, paging by key continues
 * without repeats, and need-to-know holds as in the API.
 */
class CaseListPagesIntegrationTests extends IntegrationTestEnvironment {

	private static final Pattern CASE_LINK = Pattern.compile("href=\"/sager/([0-9a-f-]{36})\"");

	private static final Pattern NEXT_LINK = Pattern
		.compile("href=\"([^\"]+)\" class=\"button button-secondary\" rel=\"next\"");

	@Test
	void everyFilterOfTheApiNarrowsTheList() {
		Fixture left = submit("LEFT_WING", true);
		Fixture right = submit("RIGHT_WING", false);
		addParticipant(right.caseId(), "KRIMINALFORSORGEN");
		followUpToday(left.caseId());

		assertThat(listed("q=" + left.caseNumber())).containsExactly(left.caseId());
		assertThat(listed("q=" + left.caseNumber().toLowerCase())).containsExactly(left.caseId());
		assertThat(listed("category=LEFT_WING&q=" + left.caseNumber())).containsExactly(left.caseId());
		assertThat(listed("category=RIGHT_WING&q=" + left.caseNumber())).isEmpty();
		assertThat(listed("urgent=true&q=" + left.caseNumber())).containsExactly(left.caseId());
		assertThat(listed("urgent=false&q=" + left.caseNumber())).isEmpty();
		assertThat(listed("urgent=false&q=" + right.caseNumber())).containsExactly(right.caseId());
		assertThat(listed("due=true&q=" + left.caseNumber())).containsExactly(left.caseId());
		assertThat(listed("due=true&q=" + right.caseNumber())).isEmpty();
		assertThat(listed("due=false&q=" + right.caseNumber())).containsExactly(right.caseId());
		assertThat(listed("organisation=KRIMINALFORSORGEN&q=" + right.caseNumber())).containsExactly(right.caseId());
		assertThat(listed("organisation=KRIMINALFORSORGEN&q=" + left.caseNumber())).isEmpty();
		assertThat(listed("status=RECEIVED&q=" + left.caseNumber())).containsExactly(left.caseId());
		assertThat(listed("status=SCREENING&q=" + left.caseNumber())).isEmpty();
		assertThat(listed("newInformation=true&q=" + left.caseNumber())).isEmpty();

		Response line = api().as("sekretariat").get("/api/cases?q=" + left.caseNumber());
		assertThat(line.text("/items/0/urgent")).isEqualTo("true");
		assertThat(line.text("/items/0/followUpDate")).isEqualTo(today().toString());
		assertThat(line.text("/items/0/subjectCpr")).endsWith("-xxxx");

		// the filtered list pages by key through the filtered cases only
		Response firstPage = api().as("sekretariat").get("/api/cases?category=LEFT_WING&size=1");
		Response secondPage = api().as("sekretariat")
			.get("/api/cases?category=LEFT_WING&size=1&cursor=" + firstPage.text("/nextCursor"));
		assertThat(firstPage.text("/items/0/caseId")).isEqualTo(left.caseId());
		assertThat(secondPage.text("/items/0/caseId")).isNotEqualTo(left.caseId());
		assertThat(api().as("sekretariat").get("/api/cases/" + secondPage.text("/items/0/caseId")).body())
			.contains("\"category\":\"LEFT_WING\"");
	}

	@Test
	void aCprNumberIsSearchedInTheBodyAndExactlyByItsHash() {
		Fixture left = submit("LEFT_WING", false);
		submit("LEFT_WING", false);
		Response inQuery = api().as("sekretariat").get("/api/cases?q=" + left.cpr());
		assertThat(inQuery.status()).isEqualTo(400);
		assertThat(inQuery.contentType()).startsWith("application/problem+json");
		assertThat(inQuery.text("/detail")).startsWith("q: ").contains("POST /api/cases/search");

		Response found = api().as("sekretariat").post("/api/cases/search", Map.of("q", left.cpr()));
		assertThat(ids(found)).containsExactly(left.caseId());
		Response withoutDash = api().as("sekretariat")
			.post("/api/cases/search", Map.of("q", left.cpr().replace("-", ""), "category", "LEFT_WING"));
		assertThat(ids(withoutDash)).containsExactly(left.caseId());
		assertThat(ids(
				api().as("sekretariat").post("/api/cases/search", Map.of("q", left.cpr(), "category", "RIGHT_WING"))))
			.isEmpty();
		// a participant-less case is the secretariat's: the submitter finds nothing
		assertThat(ids(api().as("buf").post("/api/cases/search", Map.of("q", left.cpr())))).isEmpty();
	}

	@Test
	void badFilterValuesAreProblemsNamingTheField() {
		assertDetail(api().as("sekretariat").get("/api/cases?category=NONSENSE"), "category");
		assertDetail(api().as("sekretariat").get("/api/cases?status=NONSENSE"), "status");
		assertDetail(api().as("sekretariat").get("/api/cases?urgent=maybe"), "urgent");
		assertDetail(api().as("sekretariat").get("/api/cases?due=maybe"), "due");
		assertDetail(api().as("sekretariat").get("/api/cases?organisation=NO-SUCH-ORG"), "organisation");
		assertDetail(api().as("sekretariat").post("/api/cases/search", Map.of("q", "320190-1234")), "q");
		assertDetail(api().as("sekretariat").post("/api/cases/search", Map.of("urgent", "maybe")), "urgent");
	}

	@Test
	void thePageFiltersAndTheFiltersAreInTheAddress() {
		Fixture left = submit("LEFT_WING", true);
		Fixture right = submit("RIGHT_WING", false);
		WebSession secretariat = web("sekretariat");

		Page matching = secretariat.get("/sager?kategori=LEFT_WING&haster=ja&sagsnummer=" + left.caseNumber());
		assertThat(matching.status()).isEqualTo(200);
		assertThat(matching.title()).isEqualTo("Sager – Koordineringsenheden");
		assertThat(caseIds(matching)).containsExactly(left.caseId());
		assertThat(matching.html()).contains("<caption>Sager, du har adgang til</caption>")
			.contains("<th scope=\"col\">Sagsnummer</th>")
			.contains("Modtaget")
			.contains("Testperson " + left.marker())
			.contains("Haster")
			// the form shows the filters it was sent
			.contains("<option value=\"LEFT_WING\" selected=\"selected\">Venstreekstremisme</option>")
			.containsPattern("id=\"f-haster\" name=\"haster\" value=\"ja\" checked=\"checked\"");
		assertThat(caseIds(secretariat.get("/sager?kategori=RIGHT_WING&sagsnummer=" + left.caseNumber()))).isEmpty();
		assertThat(secretariat.get("/sager?kategori=RIGHT_WING&sagsnummer=" + left.caseNumber()).html())
			.contains("Ingen sager passer til filtrene.");
		assertThat(caseIds(secretariat.get("/sager?haster=ja&sagsnummer=" + right.caseNumber()))).isEmpty();

		// the search keeps the filters in the address, and a case number is in it
		Page searched = secretariat.submit("/sager/soeg",
				Map.of("soeg", right.caseNumber(), "kategori", "RIGHT_WING", "status", "RECEIVED"));
		assertThat(searched.uri().getPath()).isEqualTo("/sager");
		assertThat(query(searched.uri())).contains("kategori=RIGHT_WING")
			.contains("status=RECEIVED")
			.contains("sagsnummer=" + right.caseNumber());
		assertThat(caseIds(searched)).containsExactly(right.caseId());
		assertThat(searched.html()).contains("Søgning: " + right.caseNumber());
	}

	@Test
	void aCprSearchFindsExactlyTheCaseAndTheNumberIsInNoAddress() {
		Fixture wanted = submit("OTHER", false);
		submit("OTHER", false);
		WebSession secretariat = web("sekretariat");
		Page found = secretariat.submit("/sager/soeg", Map.of("soeg", wanted.cpr(), "kategori", "OTHER"));
		assertThat(found.status()).isEqualTo(200);
		assertThat(caseIds(found)).containsExactly(wanted.caseId());
		assertThat(found.uri().getQuery()).contains("soegning=").contains("kategori=OTHER");
		String digits = wanted.cpr().replace("-", "");
		assertThat(secretariat.visited()).isNotEmpty().allSatisfy((uri) -> {
			String decoded = URLDecoder.decode(uri.toString(), StandardCharsets.UTF_8);
			assertThat(decoded).doesNotContain(wanted.cpr()).doesNotContain(digits);
		});
		assertThat(found.html()).contains("Søgning: " + wanted.cpr().substring(0, 6) + "-xxxx")
			.doesNotContain(wanted.cpr());
		// the session (a table) holds the hash behind the reference, not the number
		String hash = jdbc().sql("select subject_cpr_hash from concern_case where id = ?::uuid")
			.param(wanted.caseId())
			.query(String.class)
			.single();
		assertThat(sessionsHolding(hash)).isPositive();
		assertThat(sessionsHolding(digits)).isZero();
		assertThat(sessionsHolding(wanted.cpr())).isZero();
		// the address of the result works again (back button, reload) in the same session
		assertThat(caseIds(secretariat.get(found.uri().toString()))).containsExactly(wanted.caseId());
		// and is nothing to anyone else
		Page elsewhere = web("sekretariat").get(found.uri().toString());
		assertThat(caseIds(elsewhere)).isEmpty();
		assertThat(elsewhere.html()).contains("Søgningen er udløbet. Søg igen.");

		Page notADate = secretariat.submit("/sager/soeg", Map.of("soeg", "320190-1234"));
		assertThat(notADate.status()).isEqualTo(200);
		assertThat(notADate.html()).contains("data-module=\"error-summary\"")
			.contains("Skriv et sagsnummer eller et gyldigt CPR-nummer");
		Page byHand = secretariat.get("/sager?sagsnummer=" + digits);
		assertThat(byHand.html()).contains("Søg efter et CPR-nummer i søgefeltet, ikke i adressen.");
		assertThat(caseIds(byHand)).isEmpty();
	}

	@Test
	void badValuesOnThePageAreDanishMessagesBesideTheFilter() {
		WebSession secretariat = web("sekretariat");
		Page status = secretariat.get("/sager?status=NONSENSE");
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.html()).contains("data-module=\"error-summary\"")
			.contains("<a href=\"#f-status\">Vælg en status fra listen.</a>")
			.contains("id=\"f-status-error\"");
		assertThat(secretariat.get("/sager?organisation=NO-SUCH-ORG").html())
			.contains("<a href=\"#f-organisation\">Vælg en organisation fra listen.</a>");
		assertThat(secretariat.get("/sager?efter=garbage").html()).contains("Linket til næste side er ugyldigt");
		assertThat(secretariat.get("/sager?haster=kanske").html()).contains("Hastesager kan kun slås til eller fra.");
	}

	@Test
	void theNextPageContinuesWithoutRepeats() {
		List<Fixture> three = List.of(submit("UNCLEAR", false), submit("UNCLEAR", false), submit("UNCLEAR", false));
		WebSession secretariat = web("sekretariat");
		Page first = secretariat.get("/sager?kategori=UNCLEAR&status=RECEIVED&antal=2");
		List<String> firstIds = caseIds(first);
		assertThat(firstIds).containsExactly(three.get(2).caseId(), three.get(1).caseId());
		Matcher next = NEXT_LINK.matcher(first.html());
		assertThat(next.find()).as("a next link on " + first).isTrue();
		String nextUrl = next.group(1).replace("&amp;", "&");
		assertThat(nextUrl).contains("kategori=UNCLEAR").contains("status=RECEIVED").contains("efter=");
		Page second = secretariat.get(nextUrl);
		List<String> secondIds = caseIds(second);
		assertThat(secondIds).isNotEmpty().doesNotContainAnyElementsOf(firstIds);
		assertThat(secondIds.get(0)).isEqualTo(three.get(0).caseId());
		assertThat(second.html()).contains("Første side");
	}

	@Test
	void aCaseworkerOfAnUnrelatedOrganisationDoesNotSeeTheCaseAParticipantDoes() {
		Fixture fixture = submit("OTHER", false);
		addParticipant(fixture.caseId(), "KRIMINALFORSORGEN");
		String address = "/sager?sagsnummer=" + fixture.caseNumber();
		assertThat(caseIds(web("sof").get(address))).isEmpty();
		// submitting a concern is no relation to the case
		assertThat(caseIds(web("buf").get(address))).isEmpty();
		Page participant = web("kriminalforsorgen").get(address);
		assertThat(caseIds(participant)).containsExactly(fixture.caseId());
		assertThat(caseIds(web("kriminalforsorgen")
			.get("/sager?organisation=KRIMINALFORSORGEN&sagsnummer=" + fixture.caseNumber())))
			.containsExactly(fixture.caseId());
	}

	private record Fixture(String caseId, String caseNumber, String cpr, String marker) {
	}

	private Fixture submit(String category, boolean urgent) {
		String cpr = FakeCpr.next();
		String marker = "Liste" + Long.toString(System.nanoTime(), 36);
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("cpr", cpr);
		subject.put("name", "Testperson " + marker);
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("unit", "KBH");
		referral.put("subject", subject);
		referral.put("concern", "Fiktiv bekymring til listetest.");
		referral.put("category", category);
		referral.put("legalBasis", "RETSPLEJELOVEN_115");
		referral.put("urgent", urgent);
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral));
		String caseNumber = api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");
		return new Fixture(caseId, caseNumber, cpr, marker);
	}

	private void addParticipant(String caseId, String organisation) {
		Response added = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants", Map.of("organisation", organisation, "legalBasis",
					"RETSPLEJELOVEN_115", "purpose", "Koordinering af indsats"));
		assertThat(added.status()).isEqualTo(201);
	}

	private void followUpToday(String caseId) {
		String etag = api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
		Response set = api().as("sekretariat")
			.header("If-Match", etag)
			.put("/api/cases/" + caseId + "/follow-up", Map.of("date", today().toString()));
		assertThat(set.status()).isEqualTo(200);
	}

	private static LocalDate today() {
		return TestClock.today();
	}

	private List<String> listed(String query) {
		Response page = api().as("sekretariat").get("/api/cases?size=100&" + query);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return ids(page);
	}

	private static List<String> ids(Response page) {
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		page.json().get("items").forEach((item) -> ids.add(item.get("caseId").asString()));
		return ids;
	}

	private static List<String> caseIds(Page page) {
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		Matcher link = CASE_LINK.matcher(page.html());
		while (link.find()) {
			ids.add(link.group(1));
		}
		return ids;
	}

	private long sessionsHolding(String text) {
		return jdbc().sql("select count(*) from spring_session_attributes where position(? in attribute_bytes) > 0")
			.param(text.getBytes(StandardCharsets.UTF_8))
			.query(Long.class)
			.single();
	}

	private static String query(URI uri) {
		return URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
	}

	private static void assertDetail(Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/detail")).startsWith(field + ":");
		assertThat(response.text("/errors/0/field")).isEqualTo(field);
	}

}
