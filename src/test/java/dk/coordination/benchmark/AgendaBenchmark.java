package dk.coordination.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long drafting and printing an agenda of 200 items takes, measured against the
 * running local run ({@code ./mvnw spring-boot:test-run}) over real HTTP with real
 * tokens. Not a test: it writes its figures to
 * {@code docs/benchmarks/agenda-200-items.md}. Run it with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dk.coordination.benchmark.AgendaBenchmark
 * </pre>
 *
 * It adds 200 fictional cases awaiting a meeting to the local database (delete
 * {@code .data} to be rid of them).
 * <p>
 * Against the packaged jar with the production settings instead (what docs/performance.md
 * reports), start {@code PerformanceStack} on a small data set of its own, whose KBH has
 * a few items due, and point {@code -Dapi} and {@code -Dtoken-url} at the {@code api} and
 * {@code token.url} it writes to {@code stack.properties}:
 *
 * <pre>
 * ./mvnw -q -Pperformance package -DskipTests
 * ./mvnw -q -Pperformance dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * CP=target/test-classes:target/classes:$(cat target/cp.txt)
 * java -Dperformance.cases=2000 -Dkeycloak.home=.keycloak/keycloak-26.7.3 -Dkeycloak.realm-file=keycloak-realm.json \
 *   -cp $CP dk.coordination.performance.PerformanceStack .perf-small target/concern-coordination-service-0.1.0-SNAPSHOT.jar target/perf-small &amp;
 * java -cp $CP dk.coordination.performance.PerformanceStack --await target/perf-small
 * java -Drounds=60 -Dapi=... -Dtoken-url=... -Dagainst="..." -cp $CP dk.coordination.benchmark.AgendaBenchmark
 * </pre>
 */
public final class AgendaBenchmark {

	private static final String API = System.getProperty("api", "http://localhost:8080/api");

	private static final String TOKEN_URL = System.getProperty("token-url",
			"http://localhost:8180/realms/coordination/protocol/openid-connect/token");

	private static final int ITEMS = 200;

	private static final int ROUNDS = Integer.getInteger("rounds", 21);

	private static final int WARM_UP = Integer.getInteger("warm-up", 5);

	/** What the figures were measured against, for the report. */
	private static final String AGAINST = System.getProperty("against",
			"the local run (`./mvnw spring-boot:test-run`: embedded PostgreSQL 18, the dev profile, one JVM)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private AgendaBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String secretariat = token("sekretariat");
		String buf = token("buf");
		ensureCasesAwaitingMeeting(secretariat, buf);

		List<Long> proposals = new ArrayList<>();
		List<Long> pdfs = new ArrayList<>();
		int items = 0;
		int pages = 0;
		long pdfBytes = 0;
		for (int round = -WARM_UP; round < ROUNDS; round++) {
			HttpResponse<String> planned = plan(secretariat, round);
			String meeting = json(planned.body()).get("meetingId").asString();
			long start = System.nanoTime();
			JsonNode proposal = json(send(secretariat, "POST", "/meetings/" + meeting + "/agenda/proposal", "{}",
					planned.headers().firstValue("ETag").orElseThrow()));
			long proposed = System.nanoTime() - start;
			items = proposal.get("items").size();
			start = System.nanoTime();
			byte[] pdf = sendBytes(secretariat, "/meetings/" + meeting + "/agenda.pdf");
			long printed = System.nanoTime() - start;
			if (round >= 0) {
				proposals.add(proposed);
				pdfs.add(printed);
			}
			pdfBytes = pdf.length;
			pages = countPages(pdf);
		}
		String report = """
				# Agenda with %d items: proposal and PDF

				Measured %s by `AgendaBenchmark` against %s (%d cores), over HTTP on
				localhost with a real token, one request at a time. %d rounds, each on a new meeting, after
				%d rounds of warm-up that are not counted. Times in milliseconds.

				| step | min | median | p95 | max |
				|---|---|---|---|---|
				| `POST /agenda/proposal` (%d items) | %s |
				| `GET /agenda.pdf` (%d pages, %d KB) | %s |

				Figures from one run on a shared 2-core machine; compare runs on the same machine only.
				""".formatted(ITEMS, Instant.now(), AGAINST, Runtime.getRuntime().availableProcessors(), ROUNDS,
				WARM_UP, items, stats(proposals), pages, pdfBytes / 1024, stats(pdfs));
		Path file = Path.of("docs", "benchmarks", "agenda-200-items.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		System.out.println(report);
	}

	private static void ensureCasesAwaitingMeeting(String secretariat, String buf) throws Exception {
		// counts what an earlier run left, page by page, so repeated runs measure the
		// same 200
		JsonNode page = json(send(secretariat, "GET", "/cases?status=AWAITING_MEETING&size=100", null, null));
		int have = page.get("items").size();
		while (page.has("nextCursor")) {
			page = json(send(secretariat, "GET",
					"/cases?status=AWAITING_MEETING&size=100&cursor="
							+ URLEncoder.encode(page.get("nextCursor").asString(), StandardCharsets.UTF_8),
					null, null));
			have += page.get("items").size();
		}
		for (int i = have; i < ITEMS; i++) {
			String cpr = "%02d%02d%02d-%04d".formatted(1 + i % 28, 1 + (i / 28) % 12, 40 + i / 336, 9900 + i % 100);
			String body = """
					{"unit":"KBH","subject":{"cpr":"%s","name":"Benchmark Person %d"},"concern":"Fiktiv bekymring",
					 "category":"OTHER","legalBasis":"SUBJECT_CONSENT","urgent":false}""".formatted(cpr, i);
			send(buf, "POST", "/referrals", body, null);
			// the receipt does not name the case; the secretariat finds it as the newest
			// received one, and a new case is at version 0, then 1 after one transition
			String caseId = json(send(secretariat, "GET", "/cases?status=RECEIVED&size=1", null, null)).get("items")
				.get(0)
				.get("caseId")
				.asString();
			int version = 0;
			for (String to : List.of("SCREENING", "AWAITING_MEETING")) {
				send(secretariat, "POST", "/cases/" + caseId + "/transitions",
						"{\"to\":\"" + to + "\",\"reason\":\"Benchmark\"}", "\"" + version++ + "\"");
			}
		}
	}

	/** The meeting planned, with the ETag its agenda's first change must send. */
	private static HttpResponse<String> plan(String token, int round) throws Exception {
		String startsAt = LocalDate.now(ZoneId.of("Europe/Copenhagen"))
			.plusDays(10 + round)
			.atTime(LocalTime.of(9, 0))
			.atZone(ZoneId.of("Europe/Copenhagen"))
			.toOffsetDateTime()
			.toString();
		return exchange(token, "POST", "/meetings", """
				{"unit":"KBH","startsAt":"%s","durationMinutes":180,"location":"Benchmark",
				 "invited":["KBH-POLITI","KRIMINALFORSORGEN","KK-BUF","KK-SOF"]}""".formatted(startsAt), null);
	}

	private static String stats(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		return "%d | %d | %d | %d".formatted(millis(sorted.get(0)), millis(sorted.get(sorted.size() / 2)),
				millis(sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)), millis(sorted.get(sorted.size() - 1)));
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

	private static int countPages(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return document.getNumberOfPages();
		}
	}

	private static String token(String user) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=password&client_id=coordination-dev&username=" + user + "&password=demo"))
			.build();
		return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body())
			.get("access_token")
			.asString();
	}

	private static String send(String token, String method, String path, String body, String ifMatch)
			throws IOException, InterruptedException {
		return exchange(token, method, path, body, ifMatch).body();
	}

	private static HttpResponse<String> exchange(String token, String method, String path, String body, String ifMatch)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(API + path))
			.header("Authorization", "Bearer " + token)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		if (ifMatch != null) {
			builder.header("If-Match", ifMatch);
		}
		HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return response;
	}

	private static byte[] sendBytes(String token, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(API + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/pdf")
			.build();
		HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("PDF -> " + response.statusCode());
		}
		return response.body();
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

}
