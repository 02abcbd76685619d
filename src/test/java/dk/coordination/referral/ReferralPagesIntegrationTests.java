package dk.coordination.referral;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indsend bekymring over real HTTP, logged in through Keycloak: the form, its server-side
 * validation with the error summary, the receipt, the organisation's own list and the
 * start-page panel.
 */
class ReferralPagesIntegrationTests extends IntegrationTestEnvironment {

	private static final Pattern RECEIPT = Pattern.compile("id=\"receipt-number\">(H-KBH-\\d{4}-\\d{5})<");

	private static final Pattern RECEIPT_PATH = Pattern.compile("/bekymringer/([0-9a-f-]{36})/kvittering");

	@AfterEach
	void realTimeAgain() {
		TestClock.reset();
	}

	@Test
	void theFormHasEveryFieldTheApiTakesAndExplainsTheLegalBases() {
		Page form = web("buf").get("/bekymringer/ny");
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.title()).isEqualTo("Indsend bekymring – Koordineringsenheden");
		String html = form.html();
		assertThat(html).contains("<h1>Indsend en bekymring</h1>")
			.contains("action=\"/bekymringer\"")
			// the one unit there is comes preselected
			.containsPattern("<select[^>]*id=\"unit\"")
			.contains("<option value=\"KBH\" selected=\"selected\">Koordineringsenheden i København</option>")
			.containsPattern("<input[^>]*id=\"cpr\"[^>]*data-cpr[^>]*autocomplete=\"off\"")
			.contains("<label class=\"form-label\" for=\"cpr\">CPR-nummer</label>")
			.contains("ddmmåå-xxxx")
			.containsPattern("<p id=\"cpr-format-error\" class=\"form-error-message\" hidden>")
			.containsPattern("<input[^>]*id=\"name\"[^>]*name=\"name\"[^>]*autocomplete=\"off\"")
			.containsPattern("<input[^>]*id=\"address\"[^>]*name=\"address\"[^>]*autocomplete=\"off\"")
			.containsPattern("<textarea[^>]*id=\"concern\"[^>]*name=\"concern\"")
			.containsPattern("<input[^>]*type=\"checkbox\"[^>]*id=\"urgent\"[^>]*name=\"urgent\"");
		for (String category : new String[] { "MILITANT_ISLAMISM", "RIGHT_WING", "LEFT_WING", "OTHER", "UNCLEAR" }) {
			assertThat(html).containsPattern("type=\"radio\"[^>]*name=\"category\"[^>]*id=\"category-" + category
					+ "\"[^>]*value=\"" + category + "\"");
		}
		for (String basis : new String[] { "RETSPLEJELOVEN_115", "BARNETS_LOV", "DATABESKYTTELSESLOVEN_8",
				"FORVALTNINGSLOVEN_28_CONSENT", "SUBJECT_CONSENT" }) {
			assertThat(html)
				.containsPattern("type=\"radio\"[^>]*name=\"legalBasis\"[^>]*id=\"legalBasis-" + basis
						+ "\"[^>]*value=\"" + basis + "\"[^>]*aria-describedby=\"legalBasis-" + basis + "-hint\"")
				.contains("id=\"legalBasis-" + basis + "-hint\"");
		}
		// the radio groups are fieldsets with legends, and the bases are explained in
		// plain Danish
		assertThat(html).contains("<legend class=\"form-label\">Hvilken slags ekstremisme drejer bekymringen sig om?")
			.contains("<legend class=\"form-label\">Hjemmel til at videregive oplysningerne</legend>")
			.contains("Retsplejeloven § 115 (SSP, PSP og KSP)")
			.contains("Oplysningerne må ikke bruges til at efterforske en forbrydelse (stk. 2)")
			.contains("Brug den, når bekymringen angår et barn eller en ung.")
			.contains("Borgeren kan til enhver tid trække det tilbage.")
			// nothing to correct yet
			.doesNotContain("data-module=\"error-summary\"");
	}

	@Test
	void anInvalidSubmissionShowsTheErrorSummaryKeepsWhatWasTypedAndStoresNothing() {
		WebSession buf = web("buf");
		buf.get("/bekymringer/ny");
		long before = referrals();
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("unit", "KBH");
		typed.put("cpr", "0101-123");
		typed.put("name", "Fiktiv Æblerød");
		typed.put("address", "Testvej 1 & 2, 2300 København S");
		typed.put("concern", "   ");
		typed.put("category", "RIGHT_WING");
		typed.put("urgent", "true");
		Page page = buf.submit("/bekymringer", typed);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Fejl: Indsend bekymring – Koordineringsenheden");
		String html = page.html();
		assertThat(html)
			.containsPattern("<div class=\"alert alert-error\" data-module=\"error-summary\" tabindex=\"-1\"")
			.contains("Bekymringen er ikke sendt. Ret følgende:")
			.contains("<a href=\"#cpr\">CPR-nummeret skal skrives som ddmmåå-xxxx, fx 010203-1234.</a>")
			.contains("<a href=\"#concern\">Beskriv, hvad du er bekymret for.</a>")
			.contains("<a href=\"#legalBasis-RETSPLEJELOVEN_115\">Vælg hjemlen til at videregive oplysningerne.</a>")
			.doesNotContain("href=\"#name\"")
			.doesNotContain("href=\"#category-");
		// each field at fault says so itself, and the input points at its message
		assertThat(html).contains("id=\"cpr-error\"")
			.containsPattern("<input[^>]*id=\"cpr\"[^>]*value=\"0101-123\"[^>]*aria-invalid=\"true\""
					+ "[^>]*aria-describedby=\"cpr-hint cpr-error\"")
			.containsPattern(
					"<textarea[^>]*id=\"concern\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"concern-hint concern-error\"")
			.containsPattern("<div class=\"form-group form-error\">\\s*<label class=\"form-label\" for=\"cpr\">")
			.containsPattern("<input[^>]*id=\"name\"[^>]*value=\"Fiktiv Æblerød\"")
			.doesNotContainPattern("<input[^>]*id=\"name\"[^>]*aria-invalid")
			.contains("value=\"Testvej 1 &amp; 2, 2300 København S\"")
			.containsPattern("id=\"category-RIGHT_WING\"[^>]*checked=\"checked\"")
			.containsPattern("id=\"urgent\"[^>]*checked=\"checked\"");
		assertThat(referrals()).isEqualTo(before);

		// a CPR number of the right shape whose date does not exist, and a unit that does
		// not: the service's own check is shown the same way
		typed.put("cpr", "310299-1234");
		typed.put("unit", "FINDES-IKKE");
		typed.put("concern", "Fiktiv bekymring");
		typed.put("legalBasis", "BARNETS_LOV");
		Page again = buf.submit("/bekymringer", typed);
		assertThat(again.html())
			.contains("<a href=\"#cpr\">CPR-nummeret begynder ikke med en rigtig dato (ddmmåå).</a>");
		typed.put("cpr", FakeCpr.next());
		Page unknownUnit = buf.submit("/bekymringer", typed);
		assertThat(unknownUnit.html()).contains("data-module=\"error-summary\"")
			.contains("<a href=\"#unit\">Koordineringsenheden findes ikke. Vælg en fra listen.</a>")
			.containsPattern("id=\"legalBasis-BARNETS_LOV\"[^>]*checked=\"checked\"")
			.contains(">Fiktiv bekymring</textarea>");
		// everything right but a name of spaces, which the API refuses too
		typed.put("unit", "KBH");
		typed.put("name", "   ");
		Page blankName = buf.submit("/bekymringer", typed);
		assertThat(referrals()).isEqualTo(before);
		assertThat(blankName.html()).contains("<a href=\"#name\">Skriv borgerens navn.</a>");
	}

	@Test
	void aValidSubmissionLandsOnTheReceiptAndTheOrganisationsListShowsIt() {
		WebSession buf = web("buf");
		buf.get("/bekymringer/ny");
		long before = referrals();
		afterEveryReferral();
		Page receipt = buf.submit("/bekymringer", valid("Fiktiv Kvitteringsen", FakeCpr.next()));

		assertThat(receipt.status()).isEqualTo(200);
		assertThat(receipt.title()).isEqualTo("Kvittering – Koordineringsenheden");
		Matcher path = RECEIPT_PATH.matcher(receipt.uri().getPath());
		assertThat(path.matches()).as(receipt.uri().toString()).isTrue();
		UUID referralId = UUID.fromString(path.group(1));
		String number = receiptNumber(receipt);
		assertThat(receipt.html()).contains("Bekymringen er sendt")
			.contains("Koordineringsenheden i København")
			.containsPattern("<time datetime=\"[^\"]+\">\\d{1,2}\\. [a-zæøå]+ \\d{4} kl\\. \\d{2}\\.\\d{2}</time>")
			.contains("Hvad sker der nu?");
		assertThat(referrals()).isEqualTo(before + 1);
		assertThat(jdbc()
			.sql("select count(*) from referral where id = ? and receipt_number = ? and submitted_by_org = 'KK-BUF'"
					+ " and concern = 'Fiktiv bekymring fra siden.' and urgent and legal_basis = 'BARNETS_LOV'")
			.params(referralId, number)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the receipt says nothing about the case the referral went to
		String caseNumber = jdbc()
			.sql("select c.case_number from referral r join concern_case c on c.id = r.case_id where r.id = ?")
			.param(referralId)
			.query(String.class)
			.single();
		assertThat(receipt.html()).doesNotContain(caseNumber);

		// after the redirect, the success message is gone when the receipt is opened
		// again
		Page reopened = buf.get(receipt.uri().getPath());
		assertThat(reopened.html()).contains(number).doesNotContain("Bekymringen er sendt");

		Page mine = buf.get("/bekymringer");
		assertThat(mine.title()).isEqualTo("Mine indsendte bekymringer – Koordineringsenheden");
		assertThat(mine.html()).contains("<h1>Mine indsendte bekymringer</h1>")
			.contains("<caption>Indsendte bekymringer fra KK-BUF</caption>")
			.contains("href=\"/bekymringer/" + referralId + "/kvittering\">" + number + "</a>")
			.contains("Fiktiv Kvitteringsen");
		assertThat(web("sof").get("/bekymringer").html()).doesNotContain(number);
	}

	@Test
	void anotherOrganisationGetsTheSame404ForTheReceiptAsForOneThatDoesNotExist() {
		WebSession buf = web("buf");
		buf.get("/bekymringer/ny");
		Page receipt = buf.submit("/bekymringer", valid("Fiktiv Hemmelig", FakeCpr.next()));
		String number = receiptNumber(receipt);

		WebSession sof = web("sof");
		Page hidden = sof.get(receipt.uri().getPath());
		Page unknown = sof.get("/bekymringer/" + UUID.randomUUID() + "/kvittering");
		Page notAnId = sof.get("/bekymringer/ikke-et-id/kvittering");
		for (Page page : new Page[] { hidden, unknown, notAnId }) {
			assertThat(page.status()).isEqualTo(404);
			assertThat(page.html()).contains("Siden findes ikke")
				.doesNotContain(number)
				.doesNotContain("Fiktiv Hemmelig");
		}
	}

	@Test
	void theStartPageShowsTheOrganisationsLatestReferralsWithTheSecretariatsFeedback() {
		WebSession buf = web("buf");
		buf.get("/bekymringer/ny");
		afterEveryReferral();
		Page receipt = buf.submit("/bekymringer", valid("Fiktiv Forsiden", FakeCpr.next()));
		String number = receiptNumber(receipt);
		UUID referralId = referralIdOf(receipt);

		Page start = buf.get("/");
		assertThat(start.html()).contains("<h2 id=\"egne-bekymringer\">Egne indsendte bekymringer</h2>")
			.contains(">" + number + "</a>")
			.contains("Fiktiv Forsiden")
			.contains("href=\"/bekymringer\"")
			.contains("href=\"/bekymringer/ny\">Indsend en ny bekymring</a>");
		assertThat(web("sof").get("/").html()).contains("Egne indsendte bekymringer").doesNotContain(number);
		// the auditor submits nothing and gets no such panel
		assertThat(web("auditor").get("/").html()).doesNotContain("Egne indsendte bekymringer");

		String caseId = jdbc().sql("select case_id from referral where id = ?")
			.param(referralId)
			.query(UUID.class)
			.single()
			.toString();
		Api.Response feedback = api().as("sekretariat")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/feedback",
					Map.of("feedback", "Tak, vi tager den op på næste møde."));
		assertThat(feedback.status()).isEqualTo(200);
		assertThat(buf.get("/").html()).contains("Tak, vi tager den op på næste møde.").contains("Under behandling");
		assertThat(buf.get("/bekymringer").html()).contains("Tak, vi tager den op på næste møde.");
		assertThat(buf.get(receipt.uri().getPath()).html()).contains("Tak, vi tager den op på næste møde.");
	}

	@Test
	void theListPagesWithACursorInTheAddress() {
		long own = jdbc().sql("select count(*) from referral where submitted_by_org = 'KK-BUF'")
			.query(Long.class)
			.single();
		for (long i = own; i < 21; i++) {
			Map<String, Object> subject = Map.of("cpr", FakeCpr.next(), "name", "Fiktiv Side");
			Api.Response sent = api().as("buf")
				.post("/api/referrals", Map.of("unit", "KBH", "subject", subject, "concern", "Fiktiv", "category",
						"OTHER", "legalBasis", "RETSPLEJELOVEN_115"));
			assertThat(sent.status()).isEqualTo(201);
		}
		WebSession buf = web("buf");
		Page first = buf.get("/bekymringer");
		Matcher next = Pattern.compile("<a href=\"(/bekymringer\\?cursor=[^\"]+)\" rel=\"next\">Næste side</a>")
			.matcher(first.html());
		assertThat(next.find()).as(first.html()).isTrue();
		Matcher firstReceipt = Pattern.compile("kvittering\">(H-KBH-\\d{4}-\\d{5})</a>").matcher(first.html());
		assertThat(firstReceipt.find()).isTrue();

		Page second = buf.get(next.group(1).replace("&amp;", "&"));
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.html()).contains("kvittering\">H-KBH-")
			.doesNotContain(">" + firstReceipt.group(1) + "<")
			.contains("<a href=\"/bekymringer\">Til første side</a>");
	}

	private static Map<String, String> valid(String name, String cpr) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("unit", "KBH");
		fields.put("cpr", cpr);
		fields.put("name", name);
		fields.put("address", "");
		fields.put("concern", "  Fiktiv bekymring fra siden.  ");
		fields.put("category", "UNCLEAR");
		fields.put("legalBasis", "BARNETS_LOV");
		fields.put("urgent", "true");
		return fields;
	}

	private static String receiptNumber(Page receipt) {
		Matcher number = RECEIPT.matcher(receipt.html());
		assertThat(number.find()).as(receipt.toString()).isTrue();
		return number.group(1);
	}

	private static UUID referralIdOf(Page receipt) {
		Matcher path = RECEIPT_PATH.matcher(receipt.uri().getPath());
		assertThat(path.matches()).isTrue();
		return UUID.fromString(path.group(1));
	}

	/**
	 * Other tests submit referrals on days they set ahead, and lists are newest first:
	 * what this test submits comes after all of them, so it is on the first page.
	 */
	private void afterEveryReferral() {
		Instant latest = jdbc().sql("select coalesce(max(submitted_at), now()) from referral")
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		Instant now = Instant.now();
		TestClock.setNow(latest.isBefore(now) ? now : latest.plusSeconds(60));
	}

	private long referrals() {
		return jdbc().sql("select count(*) from referral").query(Long.class).single();
	}

}
