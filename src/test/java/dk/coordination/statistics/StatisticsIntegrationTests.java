package dk.coordination.statistics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics of a unit seeded with known answers ({@link StatisticsTestData}): the
 * API's JSON exactly, with the suppressed cells, the secondary suppression and the cell
 * of 5 that shows; the page, the CSV and the PDF with the same figures and "&lt;5"; who
 * may see which unit; and what is wrong with bad input.
 */
@ExtendWith(StatisticsTestData.class)
class StatisticsIntegrationTests extends IntegrationTestEnvironment {

	private static final String QUERY = "?unit=STAT&from=2025-01-01&to=2025-12-31";

	/** What the seeded unit's report must be, to the last figure. */
	static final String EXPECTED = """
			{
			  "unit": { "code": "STAT", "name": "Statistikenheden (test)" },
			  "from": "2025-01-01",
			  "to": "2025-12-31",
			  "suppressionThreshold": 5,
			  "concerns": {
			    "total": { "value": 25, "suppressed": false },
			    "byOrganisationType": [
			      { "key": "POLICE", "value": 12, "suppressed": false },
			      { "key": "PRISON_AND_PROBATION", "value": null, "suppressed": true },
			      { "key": "MUNICIPAL_DEPARTMENT", "value": null, "suppressed": true },
			      { "key": "OTHER", "value": 0, "suppressed": false }
			    ],
			    "byCategory": [
			      { "key": "MILITANT_ISLAMISM", "value": 5, "suppressed": false },
			      { "key": "RIGHT_WING", "value": 9, "suppressed": false },
			      { "key": "LEFT_WING", "value": null, "suppressed": true },
			      { "key": "OTHER", "value": 8, "suppressed": false },
			      { "key": "UNCLEAR", "value": null, "suppressed": true }
			    ]
			  },
			  "cases": {
			    "opened": { "value": 20, "suppressed": false },
			    "closed": { "value": 12, "suppressed": false },
			    "closedByClosingReason": [
			      { "key": "NO_CONCERN", "value": 6, "suppressed": false },
			      { "key": "HANDLED_BY_ONE_AUTHORITY", "value": null, "suppressed": true },
			      { "key": "HANDED_TO_POLICE_OR_PET", "value": 0, "suppressed": false },
			      { "key": "PLAN_COMPLETED", "value": null, "suppressed": true },
			      { "key": "MOVED_AWAY", "value": 0, "suppressed": false },
			      { "key": "OTHER", "value": 0, "suppressed": false }
			    ],
			    "reopened": {
			      "reopened": { "value": null, "suppressed": true },
			      "notReopened": { "value": null, "suppressed": true },
			      "percent": { "value": null, "suppressed": true }
			    }
			  },
			  "timeToFirstMeeting": {
			    "cases": { "value": 6, "suppressed": false },
			    "medianDays": { "value": 12.0, "suppressed": false },
			    "percentile90Days": { "value": 40.5, "suppressed": false }
			  },
			  "reviews": {
			    "due": { "value": 10, "suppressed": false },
			    "onTime": { "value": 7, "suppressed": false },
			    "late": { "value": null, "suppressed": true },
			    "notDone": { "value": null, "suppressed": true },
			    "onTimePercent": { "value": 70.0, "suppressed": false }
			  }
			}
			""";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void anAdministratorGetsTheKnownFiguresWithCountsBelowFiveSuppressedAndNoWayToDeriveThem() {
		Response report = api().as("admin").get("/api/statistics" + QUERY);
		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.contentType()).startsWith("application/json");
		assertThat(report.json()).isEqualTo(this.json.readTree(EXPECTED));
	}

	@Test
	void theSecretariatSeesItsOwnUnitAndNoOther() {
		Response other = api().as("sekretariat").get("/api/statistics" + QUERY);
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.contentType()).startsWith("application/problem+json");
		assertThat(other.text("/detail"))
			.isEqualTo("The statistics of unit STAT are for its secretariat and for administrators.");
		assertThat(api().as("politi").get("/api/statistics" + QUERY).status()).isEqualTo(403);
		assertThat(api().as("buf").get("/api/statistics" + QUERY).status()).as("a caseworker").isEqualTo(403);
		assertThat(api().as("auditor").get("/api/statistics" + QUERY).status()).isEqualTo(403);

		// the same person once her organisation runs the unit's secretariat
		jdbc().sql("update coordination_unit set model1_secretariat = 'KK-BIF' where code = 'STAT'").update();
		try {
			Response own = api().as("sekretariat").get("/api/statistics" + QUERY);
			assertThat(own.status()).isEqualTo(200);
			assertThat(own.json()).isEqualTo(this.json.readTree(EXPECTED));
			Page page = web("sekretariat").get("/statistik" + QUERY);
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.html()).as("her units to choose from")
				.contains("<option value=\"STAT\" selected=\"selected\">Statistikenheden (test)</option>");
		}
		finally {
			jdbc().sql("update coordination_unit set model1_secretariat = 'STAT-KOM' where code = 'STAT'").update();
		}
	}

	@Test
	void badInputIsA400SayingWhatIsWrongAndAnUnknownUnitA404() {
		assertBadRequest("?from=2025-01-01&to=2025-12-31",
				"unit: is required: the code of a coordination unit, e.g. KBH");
		assertBadRequest("?unit=KBH%3B&from=2025-01-01&to=2025-12-31",
				"unit: is not a unit code (letters, digits, - and _, at most 32)");
		assertBadRequest("?unit=STAT&to=2025-12-31", "from: is required: a date like 2026-01-31");
		assertBadRequest("?unit=STAT&from=2025-13-01&to=2025-12-31", "from: is not a date like 2026-01-31");
		assertBadRequest("?unit=STAT&from=2025-01-01&to=%2B999999999-12-31",
				"to: must be between 2000-01-01 and 2100-12-31");
		assertBadRequest("?unit=STAT&from=1066-10-14&to=2025-12-31", "from: must be between 2000-01-01 and 2100-12-31");
		assertBadRequest("?unit=STAT&from=2025-12-31&to=2025-01-01", "from: must not be after to (2025-01-01)");
		assertBadRequest("?unit=STAT&from=2020-01-01&to=2025-01-01",
				"to: the period may be at most 5 years: from 2020-01-01, to must be 2024-12-31 or earlier");
		assertThat(api().as("admin").get("/api/statistics?unit=STAT&from=2020-01-01&to=2024-12-31").status())
			.as("exactly five years")
			.isEqualTo(200);

		Response unknown = api().as("admin").get("/api/statistics?unit=NOPE&from=2025-01-01&to=2025-12-31");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("/detail")).isEqualTo("There is no coordination unit NOPE.");
	}

	@Test
	void thePageShowsTheSameTablesWithTheSuppressedCellsAndAChartBesideEach() {
		Page page = web("admin").get("/statistik" + QUERY);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Statistik – Koordineringsenheden");
		String html = page.html().replaceAll("\\s+", " ");
		assertThat(html).contains("<h1>Statistik</h1>")
			.contains("<h2 id=\"rapport\">Statistik for Statistikenheden (test)</h2>")
			.contains("Perioden 1. januar 2025 til og med 31. december 2025.")
			.contains("<th scope=\"row\">Politi</th> <td class=\"align-text-right\">12</td>")
			.contains("<th scope=\"row\">Kriminalforsorgen</th> <td class=\"align-text-right\">&lt;5</td>")
			.contains("<th scope=\"row\">Kommunal forvaltning</th> <td class=\"align-text-right\">&lt;5</td>")
			.contains("<th scope=\"row\">Militant islamisme</th> <td class=\"align-text-right\">5</td>")
			.contains("<th scope=\"row\">Median (dage)</th> <td class=\"align-text-right\">12,0</td>")
			.contains("<th scope=\"row\">90 %-fraktil (dage)</th> <td class=\"align-text-right\">40,5</td>")
			.contains("<th scope=\"row\">Andel til tiden</th> <td class=\"align-text-right\">70,0 %</td>")
			.as("a suppressed cell has no value for the chart, only its text")
			.contains("<tr data-chart-label=\"Kriminalforsorgen\" data-chart-shown=\"&lt;5\">")
			.contains("<th scope=\"row\">Andel genåbnet</th> <td class=\"align-text-right\">skjult</td>")
			.contains(
					"<div class=\"statistik-diagram\" aria-hidden=\"true\" data-chart-table=\"tabel-bekymringer-myndighed\">")
			.contains("href=\"/statistik.csv?unit=STAT&amp;from=2025-01-01&amp;to=2025-12-31\"")
			.contains("/assets/echarts/echarts.min.js");

		Page refused = web("admin").get("/statistik?unit=STAT&from=2025-12-31&to=2025-01-01");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.html()).contains("data-module=\"error-summary\"")
			.contains("<a href=\"#statistik-from\">Startdatoen må ikke ligge efter slutdatoen.</a>")
			.doesNotContain("id=\"rapport\"");
	}

	@Test
	void theCsvAndThePdfShowTheSameFiguresAndTheSuppressedCells() throws IOException {
		WebSession admin = web("admin");
		HttpResponse<byte[]> csv = download(admin, "/statistik.csv" + QUERY);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"statistik-STAT-2025-01-01-2025-12-31.csv\"");
		String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
		String prefix = "Statistikenheden (test);2025-01-01;2025-12-31;";
		assertThat(text).startsWith("\uFEFFEnhed;Fra og med;Til og med;Tabel;Opdeling;Værdi\r\n")
			.contains(prefix + "Modtagne bekymringer efter indsendende myndighed;Politi;12\r\n")
			.contains(prefix + "Modtagne bekymringer efter indsendende myndighed;Kriminalforsorgen;<5\r\n")
			.contains(prefix + "Modtagne bekymringer efter indsendende myndighed;Kommunal forvaltning;<5\r\n")
			.contains(prefix + "Modtagne bekymringer efter indsendende myndighed;I alt;25\r\n")
			.contains(prefix + "Modtagne bekymringer efter kategori;Militant islamisme;5\r\n")
			.contains(prefix + "Lukkede sager efter lukkeårsag;Håndteres af én myndighed;<5\r\n")
			.contains(prefix + "Lukkede sager, der blev genåbnet;Andel genåbnet;skjult\r\n")
			.contains(prefix + "Tid fra bekymring til første møde;Median (dage);12,0\r\n")
			.contains(prefix + "Gennemgange af lukkede sager;Andel til tiden;70,0 %\r\n");

		HttpResponse<byte[]> pdf = download(admin, "/statistik.pdf" + QUERY);
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			String printed = new PDFTextStripper().getText(document).replaceAll("[ \\t]+", " ");
			assertThat(printed).contains("Statistik for Statistikenheden (test)")
				.contains("Perioden 1. januar 2025 til og med 31. december 2025.")
				.contains("Modtagne bekymringer efter indsendende myndighed")
				.contains("Politi 12")
				.contains("Kriminalforsorgen <5")
				.contains("Kommunal forvaltning <5")
				.contains("Militant islamisme 5")
				.contains("Median (dage) 12,0")
				.contains("Andel til tiden 70,0 %")
				.contains("Side 1 af");
		}
	}

	@Test
	void aCaseworkerGetsNoStatisticsNotEvenAsCsv() {
		WebSession buf = web("buf");
		assertThat(buf.get("/statistik" + QUERY).status()).isEqualTo(403);
		// the address rules cover /statistik and /statistik/**; the service refuses the
		// downloads itself
		assertThat(download(buf, "/statistik.csv" + QUERY).statusCode()).isEqualTo(403);
		assertThat(download(buf, "/statistik.pdf" + QUERY).statusCode()).isEqualTo(403);
	}

	private void assertBadRequest(String query, String detail) {
		Response response = api().as("admin").get("/api/statistics" + query);
		assertThat(response.status()).as(query).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/detail")).as(query).isEqualTo(detail);
	}

	/** A file as the logged-in browser downloads it, as bytes. */
	private static HttpResponse<byte[]> download(WebSession session, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(session.baseUrl() + path))
			.header("Cookie", "SESSION=" + session.cookie("SESSION").orElseThrow())
			.GET()
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
