package dk.coordination.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads of personal data are logged with who, when, what and why; the auditor reads the
 * log by case or person; a citizen's export leaves out the employees; the log cannot be
 * changed.
 */
class AccessLogIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void everyReadOfACaseIsLoggedWithItsPurpose() {
		String cpr = FakeCpr.next();
		String caseId = submit(cpr);
		api().as("sekretariat").get("/api/cases/" + caseId);
		api().as("sekretariat")
			.get("/api/cases/" + caseId + "?purpose="
					+ URLEncoder.encode("Forberedelse af møde", StandardCharsets.UTF_8));
		api().as("buf").header(ReadPurpose.HEADER, "Opfoelgning paa egen henvendelse").get("/api/referrals?mine");
		api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		api().as("sekretariat").get("/api/cases?size=100");

		Response log = api().as("auditor").get("/api/audit/access-log?case=" + caseId);
		assertThat(log.status()).as(log.toString()).isEqualTo(200);
		List<String> reads = log.json()
			.valueStream()
			.map((entry) -> entry.get("username").asString() + "/" + entry.get("organisation").asString() + " "
					+ entry.get("what").asString() + " " + entry.get("purpose").asString())
			.toList();
		assertThat(reads).containsExactly("sekretariat/KK-BIF CASE_LIST Overblik over sager",
				"sekretariat/KK-BIF CASE_HISTORY Sagens historik",
				"buf/KK-BUF OWN_REFERRAL Opfoelgning paa egen henvendelse",
				"sekretariat/KK-BIF CASE Forberedelse af møde", "sekretariat/KK-BIF CASE Sagsbehandling");
		assertThat(log.json().get(0).get("readAt").asString()).isNotBlank();
		assertThat(log.json().get(0).get("requestId").asString()).isNotBlank();

		// the auditor's own read is logged too
		Response again = api().as("auditor").get("/api/audit/access-log?case=" + caseId);
		assertThat(again.json().get(0).get("what").asString()).isEqualTo("ACCESS_LOG");
		assertThat(again.json().get(0).get("username").asString()).isEqualTo("auditor");
	}

	@Test
	void aCitizensExportShowsDatesPurposesAndAuthoritiesButNoEmployees() {
		String cpr = FakeCpr.next();
		String caseId = submit(cpr);
		api().as("sekretariat").get("/api/cases/" + caseId + "?purpose=Screening");

		Response byPerson = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("cpr", cpr.replace("-", "")));
		assertThat(byPerson.status()).as(byPerson.toString()).isEqualTo(200);
		assertThat(byPerson.json().findValuesAsString("purpose")).contains("Screening");
		assertThat(byPerson.json().findValuesAsString("username")).contains("sekretariat");
		assertThat(byPerson.json().findValuesAsString("caseId")).contains(caseId);

		Response export = api().as("auditor").post("/api/audit/access-log/citizen-export", Map.of("cpr", cpr));
		assertThat(export.status()).as(export.toString()).isEqualTo(200);
		assertThat(export.text("/subject")).isEqualTo(cpr.substring(0, 6) + "-xxxx");
		JsonNode read = export.json()
			.get("reads")
			.valueStream()
			.filter((entry) -> entry.get("purpose").asString().equals("Screening"))
			.findFirst()
			.orElseThrow();
		assertThat(read.get("organisation").asString()).isEqualTo("Beskæftigelses- og Integrationsforvaltningen");
		assertThat(read.get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
		assertThat(export.body()).doesNotContain("sekretariat", "auditor", cpr);
	}

	@Test
	void aSearchByCaseInTheBodyFindsTheCasesReadsAndIsLimited() {
		String caseId = submit(FakeCpr.next());
		api().as("sekretariat").get("/api/cases/" + caseId + "?purpose=Screening");
		api().as("sekretariat").get("/api/cases/" + caseId + "/history");

		Response search = api().as("auditor").post("/api/audit/access-log/search", Map.of("case", caseId, "limit", 1));
		assertThat(search.status()).as(search.toString()).isEqualTo(200);
		assertThat(search.json().size()).isEqualTo(1);
		assertThat(search.json().get(0).get("what").asString()).isEqualTo("CASE_HISTORY");
		assertThat(search.json().get(0).get("caseId").asString()).isEqualTo(caseId);
	}

	@Test
	void aSearchByCaseNumberIsNarrowedByPeriodOrganisationAndPurpose() {
		String caseId = submit(FakeCpr.next());
		api().as("sekretariat").get("/api/cases/" + caseId + "?purpose=Screening");
		api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		String caseNumber = this.jdbc.sql("select case_number from concern_case where id = ?")
			.param(java.util.UUID.fromString(caseId))
			.query(String.class)
			.single();
		String today = this.jdbc.sql("select cast(cast(now() at time zone 'Europe/Copenhagen' as date) as text)")
			.query(String.class)
			.single();

		Response all = api().as("auditor").post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber));
		assertThat(all.status()).as(all.toString()).isEqualTo(200);
		assertThat(all.json().findValuesAsString("purpose")).contains("Screening", "Sagens historik");
		assertThat(all.json().findValuesAsString("caseNumber")).containsOnly(caseNumber);
		assertThat(all.json().findValuesAsString("caseId")).containsOnly(caseId);

		Response screening = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber, "purpose", "SCREEN"));
		assertThat(screening.json().findValuesAsString("purpose")).containsOnly("Screening");
		Response byOrganisation = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber, "organisation", "KK-BUF"));
		assertThat(byOrganisation.json().findValuesAsString("organisation")).doesNotContain("KK-BIF");
		Response inPeriod = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber, "from", today, "to", today));
		// the auditor's own searches of the case are reads of it too, so there are more
		// now
		assertThat(inPeriod.json().size()).isGreaterThan(all.json().size());
		assertThat(inPeriod.json().findValuesAsString("purpose")).contains("Screening", "Sagens historik");
		Response beforeIt = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber, "to", "2020-01-01"));
		assertThat(beforeIt.json().size()).isZero();
		Response unknown = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", "KBH-1999-9999"));
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknown.json().size()).isZero();
		// a purpose's wildcard is a character, not a wildcard
		Response wildcard = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", caseNumber, "purpose", "%"));
		assertThat(wildcard.json().size()).isZero();
	}

	@Test
	void aCprNumberInTheQueryStringIsRefusedAndNothingIsRead() {
		String cpr = FakeCpr.next();
		submit(cpr);
		int before = this.jdbc.sql("select count(*) from access_log where username = 'auditor'")
			.query(Integer.class)
			.single();
		List<Response> refused = List.of(api().as("auditor").get("/api/audit/access-log?cpr=" + cpr),
				api().as("auditor").get("/api/audit/access-log/citizen-export?cpr=" + cpr),
				api().as("auditor").post("/api/audit/access-log/search?cpr=" + cpr, Map.of("cpr", cpr)),
				api().as("auditor").post("/api/audit/access-log/citizen-export?cpr=" + cpr, Map.of("cpr", cpr)));
		for (Response response : refused) {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text("/errors/0/field")).isEqualTo("cpr");
			assertThat(response.text("/detail")).contains("not accepted in the query string")
				.contains("POST /api/audit/access-log/search with {\"cpr\": \"…\"}");
			assertThat(response.body()).doesNotContain(cpr);
		}
		assertThat(this.jdbc.sql("select count(*) from access_log where username = 'auditor'")
			.query(Integer.class)
			.single()).as("a refused search reads nothing").isEqualTo(before);
	}

	@Test
	void theRequestIdIsTheServersOwnAndTheCallersIdIsKeptAsCorrelation() {
		Response submitted = api().as("buf")
			.header("X-Request-Id", "my-id")
			.post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		String caseId = caseIdOf(submitted);
		String submitId = submitted.header(RequestIds.HEADER).orElseThrow();
		assertThat(submitId).isNotEqualTo("my-id").matches("[0-9a-f-]{36}");
		assertThat(submitted.header(RequestIds.CORRELATION_HEADER)).contains("my-id");
		Map<String, Object> revision = this.jdbc
			.sql("select request_id, correlation_id from audit_revision where request_id = ?")
			.param(submitId)
			.query()
			.singleRow();
		assertThat(revision).containsEntry("correlation_id", "my-id");
		assertThat(this.jdbc.sql("select count(*) from audit_revision where request_id = 'my-id'")
			.query(Integer.class)
			.single()).as("the caller's id is never the audit key").isZero();

		Response read = api().as("sekretariat").header("X-Request-Id", "my-id").get("/api/cases/" + caseId);
		String readId = read.header(RequestIds.HEADER).orElseThrow();
		assertThat(readId).isNotEqualTo("my-id").isNotEqualTo(submitId);
		JsonNode entry = api().as("auditor")
			.get("/api/audit/access-log?case=" + caseId)
			.json()
			.valueStream()
			.filter((logged) -> logged.get("what").asString().equals("CASE"))
			.findFirst()
			.orElseThrow();
		assertThat(entry.get("requestId").asString()).isEqualTo(readId);
		assertThat(entry.get("correlationId").asString()).isEqualTo("my-id");

		// an id that is not a harmless token is not kept at all
		Response odd = api().as("sekretariat").header("X-Request-Id", "two words").get("/api/cases/" + caseId);
		assertThat(odd.header(RequestIds.HEADER).orElseThrow()).matches("[0-9a-f-]{36}");
		assertThat(odd.header(RequestIds.CORRELATION_HEADER)).isEmpty();
	}

	@Test
	void onlyTheAuditorReadsTheLogAndBadQueriesAreProblems() {
		for (String user : List.of("sekretariat", "politi", "buf", "admin")) {
			assertThat(api().as(user).post("/api/audit/access-log/search", Map.of("cpr", "010190-0000")).status())
				.as(user)
				.isEqualTo(403);
			assertThat(
					api().as(user).post("/api/audit/access-log/citizen-export", Map.of("cpr", "010190-0000")).status())
				.as(user)
				.isEqualTo(403);
		}
		assertThat(api().as("auditor").get("/api/cases").status()).isEqualTo(403);
		Response noCase = api().as("auditor").get("/api/audit/access-log");
		assertThat(noCase.status()).isEqualTo(400);
		assertThat(noCase.text("/detail")).contains("POST /api/audit/access-log/search");
		Response neither = api().as("auditor").post("/api/audit/access-log/search", Map.of());
		assertThat(neither.status()).isEqualTo(400);
		assertThat(neither.text("/detail")).isEqualTo("case: give exactly one of case, caseNumber and cpr");
		Response both = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("caseNumber", "KBH-2026-0001", "cpr", "010190-0000"));
		assertThat(both.text("/detail")).isEqualTo("case: give exactly one of case, caseNumber and cpr");
		Response backwards = api().as("auditor")
			.post("/api/audit/access-log/search",
					Map.of("cpr", "010190-0000", "from", "2026-12-02", "to", "2026-12-01"));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.text("/detail")).isEqualTo("to: must not be before from");
		Response badDate = api().as("auditor").post("/api/audit/access-log/search", Map.of("cpr", "310290-0000"));
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badDate.text("/errors/0/field")).isEqualTo("cpr");
		Response badLimit = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("cpr", "010190-0000", "limit", 0));
		assertThat(badLimit.status()).isEqualTo(400);
		assertThat(badLimit.text("/errors/0/field")).isEqualTo("limit");
		assertThat(api().as("auditor").get("/api/audit/access-log?case=not-a-uuid").status()).isEqualTo(400);
		Response longPurpose = api().as("sekretariat").get("/api/cases?purpose=" + "x".repeat(201));
		assertThat(longPurpose.status()).isEqualTo(400);
		assertThat(longPurpose.text("/errors/0/field")).isEqualTo("purpose");
	}

	@Test
	void theLogIsInsertOnly() {
		String caseId = submit(FakeCpr.next());
		api().as("sekretariat").get("/api/cases/" + caseId);
		int entries = count(caseId);
		assertThat(entries).isPositive();
		// the service's own role has no right to change or delete the log
		for (String change : List.of("update access_log set purpose = 'changed' where case_id = ?::uuid",
				"delete from access_log where case_id = ?::uuid")) {
			assertThatThrownBy(() -> this.jdbc.sql(change).param(caseId).update()).rootCause()
				.hasMessageContaining("permission denied for table access_log");
		}
		assertThatThrownBy(() -> this.jdbc.sql("truncate access_log").update()).rootCause()
			.hasMessageContaining("permission denied for table access_log");
		// and the trigger refuses even a superuser, who is not the table's owner
		JdbcTemplate superuser = EmbeddedDatabase.shared().superuserJdbc();
		assertThatThrownBy(
				() -> superuser.update("update access_log set purpose = 'changed' where case_id = ?::uuid", caseId))
			.rootCause()
			.hasMessageContaining("insert-only: UPDATE is not allowed");
		assertThatThrownBy(() -> superuser.update("delete from access_log where case_id = ?::uuid", caseId)).rootCause()
			.hasMessageContaining("insert-only: DELETE is not allowed");
		assertThatThrownBy(() -> superuser.execute("truncate access_log")).rootCause()
			.hasMessageContaining("insert-only: TRUNCATE is not allowed");
		assertThat(count(caseId)).isEqualTo(entries);
	}

	@Test
	void aFailedReadIsNotLogged() {
		int before = this.jdbc.sql("select count(*) from access_log where username = 'sof'")
			.query(Integer.class)
			.single();
		String caseId = submit(FakeCpr.next());
		assertThat(api().as("sof").get("/api/cases/" + caseId).status()).isEqualTo(404);
		assertThat(
				this.jdbc.sql("select count(*) from access_log where username = 'sof'").query(Integer.class).single())
			.isEqualTo(before);
	}

	private int count(String caseId) {
		return this.jdbc.sql("select count(*) from access_log where case_id = ?::uuid")
			.param(caseId)
			.query(Integer.class)
			.single();
	}

	private String submit(String cpr) {
		Response response = api().as("buf").post("/api/referrals", referral(cpr, "OTHER"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return caseIdOf(response);
	}

}
