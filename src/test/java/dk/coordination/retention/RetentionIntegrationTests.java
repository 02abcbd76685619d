package dk.coordination.retention;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.AuditTrail;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention end to end: a case worked through everything that can hold something about
 * the person (referral, disclosure, task, status report, municipal note, feedback, a
 * meeting's agenda, decision, attendance and minutes, a legal hold, reads with a
 * purpose), closed, and anonymised by a run as of a day past its period. Then every table
 * of the schema, found in the catalogue so a table added later is searched too, holds
 * none of its identifiers, and the statistics are what they were.
 */
class RetentionIntegrationTests extends IntegrationTestEnvironment {

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private final JdbcTemplate superuser = EmbeddedDatabase.shared().superuserJdbc();

	@BeforeEach
	void realTime() {
		TestClock.reset();
	}

	@Test
	void aCaseDueForRetentionLeavesNoTraceOfThePersonInAnyTableAndTheStatisticsStay() {
		String suffix = letters(6);
		String name = "Retentia Glemsom" + suffix;
		String address = "Slettevej " + suffix + " 17, 2300 København S";
		String cpr = FakeCpr.next();
		String caseId = workedCase(cpr, name, address);
		String caseNumber = caseNumber(caseId);
		close(caseId, "NO_CONCERN", "Ingen bekymring for " + name);
		String hash = this.superuser.queryForObject("select subject_cpr_hash from concern_case where id = ?::uuid",
				String.class, caseId);
		String ciphertext = this.superuser.queryForObject(
				"select encode(subject_cpr_encrypted, 'hex') from concern_case where id = ?::uuid", String.class,
				caseId);
		List<String> identifiers = List.of(cpr, cpr.replace("-", ""), cpr.replace("-", " "), hash, ciphertext, name,
				address, "Glemsom" + suffix, "Slettevej " + suffix, "Peter Betjentsen");
		assertThat(tablesContaining(identifiers)).as("before the run, the person is everywhere")
			.contains("concern_case", "concern_case_aud", "referral", "referral_aud", "case_participant_aud",
					"case_task_aud", "status_report_aud", "municipal_note_aud", "agenda_item_aud", "approved_minutes",
					"legal_hold_aud", "access_log");
		JsonNode statisticsBefore = statistics();

		Response run = runAsOf("2032-01-01");
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		assertThat(run.json().get("anonymisedCases").values().stream().map(JsonNode::asString)).contains(caseNumber);
		assertThat(run.json().get("casesAnonymised").asInt()).isPositive();
		assertThat(run.text("/asOf")).isEqualTo("2032-01-01");

		assertThat(dump(identifiers)).as("every row of every table mentioning the person after the run").isEmpty();
		assertThat(statistics()).as("the statistics of the unit").isEqualTo(statisticsBefore);

		// the case is still there, as an anonymous record that cannot come back
		Response anonymous = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.text("/subject/name")).isEqualTo("Anonymiseret");
		assertThat(anonymous.text("/subject/cpr")).isEqualTo("******-****");
		assertThat(anonymous.text("/status")).isEqualTo("CLOSED");
		assertThat(anonymous.text("/closingReason")).isEqualTo("NO_CONCERN");
		assertThat(anonymous.json().get("allowedTransitions").values()).isEmpty();
		Response reopen = api().as("sekretariat")
			.header("If-Match", anonymous.header("ETag").orElseThrow())
			.post("/api/cases/" + caseId + "/transitions", Map.of("to", "SCREENING", "reason", "Ny henvendelse"));
		assertThat(reopen.status()).as(reopen.toString()).isEqualTo(409);
		assertThat(reopen.text("/detail")).isEqualTo("Case " + caseNumber
				+ " was anonymised when its retention period ended; it cannot be reopened or moved.");

		Response again = runAsOf("2032-01-01");
		assertThat(again.json().get("anonymisedCases").values()).as("nothing is left to do").isEmpty();
		assertThat(this.superuser.queryForObject(
				"select count(*) from audit_retention_run where as_of = date '2032-01-01' and started_by = 'admin'",
				Integer.class))
			.isEqualTo(2);

		// the anonymisation rewrote sealed revisions and reads, and sealed what it wrote
		AuditTrail.assertIntact(api());
		assertThat(this.superuser.queryForObject(
				"select count(*) from audit_seal where kind = 'RESEAL' and reason = 'Retention: case anonymised'",
				Integer.class))
			.isPositive();
	}

	@Test
	void aCaseIsKeptForItsClosingReasonsPeriodAndALegalHoldStopsIt() {
		String noConcern = submitted(FakeCpr.next());
		String planCompleted = submitted(FakeCpr.next());
		close(noConcern, "NO_CONCERN", "Ubegrundet");
		close(planCompleted, "PLAN_COMPLETED", "Planen er gennemført");
		LocalDate closedOn = LocalDate.now(DANISH_TIME);
		LocalDate lastReview = this.superuser.queryForObject(
				"select max(due_date) from case_review where case_id = ?::uuid", LocalDate.class, noConcern);
		assertThat(lastReview).as("reviewed after 12 months").isEqualTo(closedOn.plusMonths(12));
		// NO_CONCERN: one year after closing, and not before the last review
		LocalDate noConcernDue = closedOn.plusYears(1);

		assertThat(anonymised(runAsOf(noConcernDue.minusDays(1).toString()))).doesNotContain(caseNumber(noConcern));

		Response hold = api().as("admin")
			.put("/api/admin/retention/holds/" + noConcern, Map.of("reason", "Klage til Ankestyrelsen verserer"));
		assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
		assertThat(hold.text("/caseNumber")).isEqualTo(caseNumber(noConcern));
		Response held = runAsOf(noConcernDue.toString());
		assertThat(anonymised(held)).doesNotContain(caseNumber(noConcern), caseNumber(planCompleted));
		assertThat(held.json().get("heldCases").values().stream().map(JsonNode::asString))
			.contains(caseNumber(noConcern));
		assertThat(api().as("admin").get("/api/admin/retention/holds").json().findValuesAsString("caseNumber"))
			.contains(caseNumber(noConcern));

		assertThat(api().as("admin").delete("/api/admin/retention/holds/" + noConcern).status()).isEqualTo(204);
		Response released = runAsOf(noConcernDue.toString());
		assertThat(anonymised(released)).contains(caseNumber(noConcern)).doesNotContain(caseNumber(planCompleted));
		Response late = api().as("admin").put("/api/admin/retention/holds/" + noConcern, Map.of("reason", "For sent"));
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.text("/detail"))
			.isEqualTo("Case " + caseNumber(noConcern) + " is already anonymised; there is nothing left to hold");

		// five years for the others
		assertThat(anonymised(runAsOf(closedOn.plusYears(5).minusDays(1).toString())))
			.doesNotContain(caseNumber(planCompleted));
		assertThat(anonymised(runAsOf(closedOn.plusYears(5).toString()))).contains(caseNumber(planCompleted));
	}

	@Test
	void onlyAnAdministratorRunsItAndBadInputChangesNothing() {
		assertThat(api().as("sekretariat").post("/api/admin/retention/run", Map.of("asOf", "2032-01-01")).status())
			.isEqualTo(403);
		Response missing = api().as("admin").post("/api/admin/retention/run", Map.of());
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.text("/errors/0/field")).isEqualTo("asOf");
		Response absurd = api().as("admin").post("/api/admin/retention/run", Map.of("asOf", "+99999-01-01"));
		assertThat(absurd.status()).as(absurd.toString()).isEqualTo(400);
		assertThat(absurd.contentType()).startsWith("application/problem+json");
		Response noCase = api().as("admin")
			.put("/api/admin/retention/holds/00000000-0000-0000-0000-000000000001", Map.of("reason", "x"));
		assertThat(noCase.status()).isEqualTo(404);
		assertThat(noCase.text("/detail")).isEqualTo("No case 00000000-0000-0000-0000-000000000001");
		Response blank = api().as("admin")
			.put("/api/admin/retention/holds/00000000-0000-0000-0000-000000000001", Map.of("reason", " "));
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.text("/errors/0/field")).isEqualTo("reason");
		Response rules = api().as("admin").get("/api/admin/retention/rules");
		assertThat(rules.text("/periods/NO_CONCERN")).isEqualTo("P1Y");
		assertThat(rules.text("/periods/PLAN_COMPLETED")).isEqualTo("P5Y");
		assertThat(rules.text("/accessLogLink")).isEqualTo("P5Y");
	}

	/**
	 * A case that went through everything: screening, a meeting with a decision that
	 * brings in the police with a task, their status report, a municipal note, feedback
	 * to the submitter, attendance and approved minutes, a legal hold placed and
	 * released, and reads whose purpose names the person.
	 */
	private String workedCase(String cpr, String name, String address) {
		Map<String, Object> body = referral(cpr, "OTHER");
		@SuppressWarnings("unchecked")
		Map<String, Object> subject = (Map<String, Object>) body.get("subject");
		subject.put("name", name);
		subject.put("address", address);
		body.put("concern", name + " (" + cpr + ", " + address + ") taler om at rejse ud.");
		Response receipt = api().as("buf").post("/api/referrals", body);
		String caseId = caseIdOf(receipt);
		move(caseId, "SCREENING", "Screening af " + name);
		move(caseId, "AWAITING_MEETING", name + " drøftes på næste møde");
		String referralId = api().as("sekretariat").get("/api/cases/" + caseId).text("/referrals/0/referralId");
		Response feedback = api().as("sekretariat")
			.put("/api/cases/" + caseId + "/referrals/" + referralId + "/feedback",
					Map.of("feedback", "Vi har modtaget bekymringen om " + name));
		assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
		Response note = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/municipal-notes",
					Map.of("text", "Sekretariatet kender " + name + " fra skolen"));
		assertThat(note.status()).as(note.toString()).isIn(200, 201);

		String meeting = "/api/meetings/" + plan();
		Response added = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/agenda/items", Map.of("caseId", caseId, "title", "Bekymring om " + name));
		assertThat(added.status()).as(added.toString()).isIn(200, 201);
		Response published = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/agenda/publish", Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		String itemId = published.json()
			.get("items")
			.valueStream()
			.filter((item) -> item.hasNonNull("caseId") && item.get("caseId").asString().equals(caseId))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
		Map<String, Object> decision = new LinkedHashMap<>();
		decision.put("minutes", "Enheden drøftede " + name + ", " + address + ".");
		decision.put("transition", Map.of("to", "ACTIVE", "reason", "Besluttet for " + name));
		decision.put("participants", List.of(Map.of("organisation", "KBH-POLITI", "legalBasis", "RETSPLEJELOVEN_115",
				"purpose", "Politiets opfølgning på " + name)));
		decision.put("tasks", List.of(Map.of("organisation", "KBH-POLITI", "description", "Samtale med " + name,
				"dueDate", LocalDate.now(DANISH_TIME).plusDays(14).toString())));
		Response decided = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.post(meeting + "/items/" + itemId + "/decision", decision);
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		Response attended = api().as("sekretariat")
			.header("If-Match", etag(meeting))
			.put(meeting + "/attendance",
					Map.of("attendees", List.of(Map.of("organisation", "KK-BIF", "person", "Sofie Sekretariatsen"),
							Map.of("organisation", "KBH-POLITI", "person", "Peter Betjentsen"))));
		assertThat(attended.status()).as(attended.toString()).isEqualTo(200);
		Response approved = api().as("sekretariat")
			.header("If-Match", attended.header("ETag").orElseThrow())
			.post(meeting + "/minutes/approve", Map.of());
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

		Response report = api().as("politi")
			.post("/api/cases/" + caseId + "/status-reports",
					Map.of("involvement", "IN_PROGRESS", "text", "Politiet har talt med " + name));
		assertThat(report.status()).as(report.toString()).isIn(200, 201);
		assertThat(api().as("sekretariat")
			.get("/api/cases/" + caseId + "?purpose=" + URLEncoder.encode("Opslag om " + name, StandardCharsets.UTF_8))
			.status()).isEqualTo(200);
		assertThat(api().as("admin")
			.put("/api/admin/retention/holds/" + caseId, Map.of("reason", "Aktindsigt for " + name))
			.status()).isEqualTo(201);
		assertThat(api().as("admin").delete("/api/admin/retention/holds/" + caseId).status()).isEqualTo(204);
		return caseId;
	}

	private String submitted(String cpr) {
		return caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "OTHER")));
	}

	private void move(String caseId, String to, String reason) {
		transition(caseId, to, reason, null);
	}

	private void close(String caseId, String closingReason, String reason) {
		transition(caseId, "CLOSED", reason, closingReason);
	}

	private void transition(String caseId, String to, String reason, String closingReason) {
		Map<String, Object> transition = new LinkedHashMap<>();
		transition.put("to", to);
		transition.put("reason", reason);
		if (closingReason != null) {
			transition.put("closingReason", closingReason);
		}
		Response moved = api().as("sekretariat")
			.header("If-Match", api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow())
			.post("/api/cases/" + caseId + "/transitions", transition);
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
	}

	private String plan() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt",
				LocalDate.now(DANISH_TIME)
					.plusDays(3)
					.atTime(LocalTime.of(13, 0))
					.atZone(DANISH_TIME)
					.toOffsetDateTime()
					.toString());
		body.put("durationMinutes", 60);
		body.put("location", "Rådhuset");
		body.put("invited", List.of("KBH-POLITI"));
		Response planned = api().as("sekretariat").post("/api/meetings", body);
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		return planned.text("/meetingId");
	}

	private String etag(String meeting) {
		return api().as("sekretariat").get(meeting).header("ETag").orElseThrow();
	}

	private String caseNumber(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).text("/caseNumber");
	}

	private Response runAsOf(String day) {
		Response run = api().as("admin").post("/api/admin/retention/run", Map.of("asOf", day));
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		return run;
	}

	private static List<String> anonymised(Response run) {
		return run.json().get("anonymisedCases").values().stream().map(JsonNode::asString).toList();
	}

	private JsonNode statistics() {
		Response statistics = api().as("sekretariat").get("/api/statistics?unit=KBH&from=2026-01-01&to=2030-12-31");
		assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
		return statistics.json();
	}

	/** The tables in which any of the strings occurs, case-insensitively. */
	private List<String> tablesContaining(List<String> identifiers) {
		return dump(identifiers).stream().map((row) -> row.substring(0, row.indexOf(':'))).distinct().toList();
	}

	/**
	 * Every row of every table of the schema, as text, in which any of the strings occurs
	 * (case-insensitively), as "table: row".
	 */
	private List<String> dump(List<String> identifiers) {
		List<String> tables = this.superuser.queryForList("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname
				""", String.class);
		assertThat(tables).hasSizeGreaterThan(25);
		List<String> found = new ArrayList<>();
		for (String table : tables) {
			for (String row : this.superuser.queryForList("select t::text from \"" + table + "\" t", String.class)) {
				String lower = row.toLowerCase(Locale.ROOT);
				if (identifiers.stream()
					.anyMatch((identifier) -> lower.contains(identifier.toLowerCase(Locale.ROOT)))) {
					found.add(table + ": " + row);
				}
			}
		}
		return found;
	}

	private static String letters(int count) {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < count; i++) {
			letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return letters.toString();
	}

}
