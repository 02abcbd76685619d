package dk.coordination.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
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

		Response byPerson = api().as("auditor").get("/api/audit/access-log?cpr=" + cpr.replace("-", ""));
		assertThat(byPerson.json().findValuesAsString("purpose")).contains("Screening");
		assertThat(byPerson.json().findValuesAsString("username")).contains("sekretariat");

		Response export = api().as("auditor").get("/api/audit/access-log/citizen-export?cpr=" + cpr);
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
	void onlyTheAuditorReadsTheLogAndBadQueriesAreProblems() {
		for (String user : List.of("sekretariat", "politi", "buf", "admin")) {
			assertThat(api().as(user).get("/api/audit/access-log?cpr=010190-0000").status()).as(user).isEqualTo(403);
		}
		assertThat(api().as("auditor").get("/api/cases").status()).isEqualTo(403);
		assertThat(api().as("auditor").get("/api/audit/access-log").status()).isEqualTo(400);
		assertThat(api().as("auditor").get("/api/audit/access-log?cpr=310290-0000").text("/errors/0/field"))
			.isEqualTo("cpr");
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
		assertThatThrownBy(() -> this.jdbc.sql("update access_log set purpose = 'changed' where case_id = ?::uuid")
			.param(caseId)
			.update()).rootCause().hasMessageContaining("insert-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from access_log where case_id = ?::uuid").param(caseId).update())
			.rootCause()
			.hasMessageContaining("insert-only");
		assertThatThrownBy(() -> this.jdbc.sql("truncate access_log").update()).rootCause()
			.hasMessageContaining("insert-only");
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
