package dk.coordination.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;
import dk.coordination.web.DanishFormat;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tilsyn pages over real HTTP: the auditor searches the read log by case number or
 * CPR number (which never appears in any address the pages produce), narrows it by
 * period, organisation and purpose, exports it as CSV that a spreadsheet cannot run, and
 * answers a citizen's request for insight with a PDF that names authorities and dates but
 * no employee. Every look the auditor takes is logged.
 */
class AuditPagesIntegrationTests extends IntegrationTestEnvironment {

	private static final Pattern CSV_LINK = Pattern.compile("href=\"(/tilsyn/eksport\\?soegning=[^\"]+)\"");

	private static final Pattern PDF_LINK = Pattern.compile("href=\"(/tilsyn/indsigt/pdf\\?soegning=[^\"]+)\"");

	@Test
	void aSearchByCaseNumberIsNarrowedByPurposeOrganisationAndPeriod() {
		Fixture fixture = fixture();
		WebSession auditor = web("auditor");
		Page form = auditor.get("/tilsyn");
		assertThat(form.title()).isEqualTo("Tilsyn – Koordineringsenheden");

		Page result = auditor.submit("/tilsyn/soeg", Map.of("soeg", fixture.caseNumber().toLowerCase()));
		assertThat(result.uri().getPath()).isEqualTo("/tilsyn");
		assertThat(result.uri().getQuery()).startsWith("soegning=");
		assertThat(result.title()).isEqualTo("Søgning i adgangsloggen – Tilsyn – Koordineringsenheden");
		assertThat(rows(result)).anyMatch((row) -> row.contains("sekretariat") && row.contains("Screening"))
			.anyMatch((row) -> row.contains("sekretariat") && row.contains("Sagens historik"))
			.allMatch((row) -> row.contains(fixture.caseNumber()));

		List<String> screening = rows(
				auditor.submit("/tilsyn/soeg", Map.of("soeg", fixture.caseNumber(), "formaal", "screen")));
		assertThat(screening).isNotEmpty().allMatch((row) -> row.contains("Screening"));
		assertThat(rows(auditor.submit("/tilsyn/soeg",
				Map.of("soeg", fixture.caseNumber(), "organisation", "KRIMINALFORSORGEN"))))
			.isEmpty();
		String today = jdbc().sql("select cast(cast(now() at time zone 'Europe/Copenhagen' as date) as text)")
			.query(String.class)
			.single();
		assertThat(rows(auditor.submit("/tilsyn/soeg",
				Map.of("soeg", fixture.caseNumber(), "fra", today, "til", today, "organisation", "KK-BIF"))))
			.isNotEmpty()
			.allMatch((row) -> row.contains("KK-BIF"));
		Page before = auditor.submit("/tilsyn/soeg", Map.of("soeg", fixture.caseNumber(), "til", "01.01.2020"));
		assertThat(before.html()).contains("Ingen opslag passer til søgningen.");

		Page wrongPeriod = auditor.submit("/tilsyn/soeg",
				Map.of("soeg", fixture.caseNumber(), "fra", "2026-12-02", "til", "2026-12-01"));
		assertThat(wrongPeriod.html()).contains("Slutdatoen må ikke ligge før startdatoen.")
			.contains("href=\"#f-til\"");
		Page nothing = auditor.submit("/tilsyn/soeg", Map.of("soeg", ""));
		assertThat(nothing.html()).contains("Skriv et sagsnummer eller et CPR-nummer.");
	}

	@Test
	void aSearchByCprNumberKeepsTheNumberOutOfEveryAddressAndExportsSafeCsv() {
		Fixture fixture = fixture();
		String formula = "=HYPERLINK(\"http://example.invalid\";\"klik\")";
		api().as("sekretariat").get("/api/cases/" + fixture.caseId() + "?purpose=" + encode(formula));
		WebSession auditor = web("auditor");
		auditor.get("/tilsyn");
		int loggedBefore = auditorReads();

		Page result = auditor.submit("/tilsyn/soeg", Map.of("soeg", fixture.cpr()));
		assertThat(result.html())
			.contains("Opslag om personen med CPR-nummer " + fixture.cpr().substring(0, 6) + "-xxxx")
			.doesNotContain(fixture.cpr())
			.doesNotContain(fixture.cpr().replace("-", ""));
		assertThat(rows(result)).anyMatch((row) -> row.contains("Screening"));

		Matcher link = CSV_LINK.matcher(result.html());
		assertThat(link.find()).as("the result links its CSV").isTrue();
		Page csv = auditor.get(link.group(1).replace("&amp;", "&"));
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
		List<String> lines = csv.html().lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFF\"Tidspunkt\";\"Bruger\";\"Organisation\";\"Sagsnummer\";\"Sags-id\";"
				+ "\"Opslag\";\"Formål\";\"Anmodnings-id\";\"Korrelations-id\"");
		assertThat(lines).anyMatch((line) -> line.contains("\"sekretariat\";\"KK-BIF\";\"" + fixture.caseNumber()
				+ "\";\"" + fixture.caseId() + "\";\"CASE\";\"Screening\""));
		assertThat(lines).as("a formula is text to a spreadsheet")
			.anyMatch((line) -> line.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\";\"\"klik\"\")\""))
			.noneMatch((line) -> line.contains(";\"=HYPERLINK"));
		assertThat(csv.html()).doesNotContain(fixture.cpr(), fixture.cpr().replace("-", ""));

		assertThat(auditor.visited()).isNotEmpty()
			.allSatisfy((uri) -> assertThat(uri.toString()).doesNotContain(fixture.cpr())
				.doesNotContain(fixture.cpr().replace("-", "")));
		assertThat(auditorReads()).as("the search and the CSV are logged reads").isEqualTo(loggedBefore + 2);

		Page badCpr = auditor.submit("/tilsyn/soeg", Map.of("soeg", "310290-0000"));
		assertThat(badCpr.html()).contains("CPR-nummeret findes ikke.").doesNotContain("310290-0000");
		assertThat(auditor.get("/tilsyn?soegning=ukendt").html()).contains("Søgningen findes ikke længere.");
	}

	@Test
	void aCitizensInsightIsAPdfWithAuthoritiesAndDatesButNoEmployees() throws IOException {
		Fixture fixture = fixture();
		WebSession auditor = web("auditor");
		Page form = auditor.get("/tilsyn/indsigt");
		assertThat(form.title()).isEqualTo("Anmodning om indsigt – Tilsyn – Koordineringsenheden");
		Page wrong = auditor.submit("/tilsyn/indsigt", Map.of("cpr", "123"));
		assertThat(wrong.html()).contains("CPR-nummeret findes ikke.");

		Page answer = auditor.submit("/tilsyn/indsigt", Map.of("cpr", fixture.cpr()));
		assertThat(answer.uri().getPath()).isEqualTo("/tilsyn/indsigt");
		assertThat(answer.html()).contains("Beskæftigelses- og Integrationsforvaltningen", "Screening")
			.doesNotContain(fixture.cpr());
		Matcher link = PDF_LINK.matcher(answer.html());
		assertThat(link.find()).isTrue();
		HttpResponse<byte[]> pdf = download(auditor, link.group(1).replace("&amp;", "&"));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		Instant readAt = jdbc().sql("select max(read_at) from access_log where case_id = ? and purpose = 'Screening'")
			.param(java.util.UUID.fromString(fixture.caseId()))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Indsigt i dine personoplysninger", "Opslag i dine personoplysninger")
				.contains(fixture.cpr().substring(0, 6) + "-xxxx")
				.contains("Beskæftigelses- og Integrationsforvaltningen")
				.contains("Screening")
				.contains(new DanishFormat().date(readAt))
				.contains("Fortroligt");
			assertThat(text).doesNotContain("sekretariat", "auditor", "buf", fixture.cpr(),
					fixture.cpr().replace("-", ""));
		}
		assertThat(auditor.visited()).allSatisfy((uri) -> assertThat(uri.toString()).doesNotContain(fixture.cpr())
			.doesNotContain(fixture.cpr().replace("-", "")));
	}

	@Test
	void onlyTheAuditorSeesThePages() {
		assertThat(web("sekretariat").get("/tilsyn").status()).isEqualTo(403);
		assertThat(web("admin").get("/tilsyn/indsigt").status()).isEqualTo(403);
	}

	/** A case sent by BUF, read by the secretariat for screening and its history. */
	private Fixture fixture() {
		String cpr = FakeCpr.next();
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "LEFT_WING")));
		api().as("sekretariat").get("/api/cases/" + caseId + "?purpose=Screening");
		api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		String caseNumber = jdbc().sql("select case_number from concern_case where id = ?")
			.param(java.util.UUID.fromString(caseId))
			.query(String.class)
			.single();
		return new Fixture(cpr, caseId, caseNumber);
	}

	private int auditorReads() {
		return jdbc().sql("select count(*) from access_log where username = 'auditor' and what = 'ACCESS_LOG'")
			.query(Integer.class)
			.single();
	}

	/** The rows of the result table, each as its HTML. */
	private static List<String> rows(Page page) {
		int table = page.html().indexOf("id=\"opslag\"");
		if (table < 0) {
			return List.of();
		}
		String body = page.html()
			.substring(page.html().indexOf("<tbody>", table), page.html().indexOf("</tbody>", table));
		return List.of(body.split("</tr>")).stream().filter((row) -> row.contains("<td")).toList();
	}

	/** A download as a browser makes it: with the session's cookie, as bytes. */
	private static HttpResponse<byte[]> download(WebSession session, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(session.baseUrl() + path))
				.header("Cookie", "SESSION=" + session.cookie("SESSION").orElseThrow())
				.GET()
				.build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	record Fixture(String cpr, String caseId, String caseNumber) {
	}

}
