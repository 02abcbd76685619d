package dk.coordination.performance.dataset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

import dk.coordination.CoordinationApplication;
import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.KeycloakServer;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The generator's rows are the service's own: 2,000 cases in 20 units generated into a
 * database of their own (on the tests' PostgreSQL server, beside the shared one), as the
 * schema owner, so every foreign key is checked as the rows arrive; then the service
 * itself is started on that database and reads them. It decrypts the CPR numbers and
 * finds the persons by their hash, shows the history Envers reconstructs, seals the
 * generated history at start-up so that the audit chain verifies, and opens new cases
 * numbered after the generated ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MillionCasesIntegrationTests extends IntegrationTestEnvironment {

	private static final String DATABASE = "million_cases_it";

	private static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);

	/** After the generated history: what the service and the tests add comes later. */
	private static final java.sql.Timestamp END = java.sql.Timestamp
		.from(java.time.Instant.parse("2026-12-02T00:00:00Z"));

	private MillionCases.Summary summary;

	private Throwable refusedWithCases;

	private DataSource owner;

	private JdbcTemplate dataset;

	private ConfigurableApplicationContext service;

	private Api serviceApi;

	/** The rows per table as generated, before the service or a test adds any. */
	private final Map<String, Long> generated = new LinkedHashMap<>();

	/** The last revision and access-log entry the generator wrote. */
	private long lastRevision;

	private long lastRead;

	@BeforeAll
	void generateAndStartTheService() {
		EmbeddedDatabase server = EmbeddedDatabase.shared();
		JdbcTemplate superuser = server.superuserJdbc();
		superuser.execute("drop database if exists " + DATABASE + " with (force)");
		superuser.execute("create database " + DATABASE + " owner " + EmbeddedDatabase.OWNER_ROLE);
		String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + DATABASE;
		this.owner = new SimpleDriverDataSource(new org.postgresql.Driver(), url, EmbeddedDatabase.OWNER_ROLE,
				EmbeddedDatabase.OWNER_ROLE);
		MillionCases.migrate(this.owner);
		this.summary = MillionCases.generate(this.owner, new MillionCases.Options(2_000, 20, 7, AS_OF, 5, 500));
		this.refusedWithCases = catchThrowable(
				() -> MillionCases.generate(this.owner, MillionCases.Options.of(10, 20, 7)));
		this.dataset = new JdbcTemplate(this.owner);
		for (String table : List.of("concern_case", "referral", "case_participant", "case_task", "status_report",
				"case_review", "meeting", "agenda_item", "audit_revision", "concern_case_aud", "referral_aud",
				"access_log", "organisation", "coordination_unit")) {
			this.generated.put(table, count("select count(*) from " + table));
		}
		this.lastRevision = count("select max(id) from audit_revision");
		this.lastRead = count("select max(id) from access_log");

		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", EmbeddedDatabase.SERVICE_ROLE);
		properties.put("spring.datasource.password", EmbeddedDatabase.SERVICE_ROLE);
		properties.put("spring.flyway.user", EmbeddedDatabase.OWNER_ROLE);
		properties.put("spring.flyway.password", EmbeddedDatabase.OWNER_ROLE);
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", KeycloakServer.shared().issuerUri());
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", MAIL.getSmtp().getPort());
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", 0);
		// as arguments, which outrank application-dev.yml (default properties do not)
		this.service = new SpringApplicationBuilder(CoordinationApplication.class).profiles("dev")
			.run(properties.entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new));
		this.serviceApi = new Api("http://127.0.0.1:" + this.service.getEnvironment().getProperty("local.server.port"),
				KeycloakServer.shared());
	}

	@AfterAll
	void stopTheService() {
		if (this.service != null) {
			this.service.close();
		}
		EmbeddedDatabase.shared().superuserJdbc().execute("drop database if exists " + DATABASE + " with (force)");
	}

	@Test
	void theRunReportsWhatTheDatabaseHolds() {
		assertThat(this.generated).containsEntry("concern_case", 2_000L)
			.containsEntry("organisation", 120L)
			.containsEntry("coordination_unit", 20L);
		assertThat(this.generated.get("referral")).isBetween(2_700L, 3_300L);
		// beyond the migrations' own organisations and unit
		this.generated.forEach((table, rows) -> {
			long migrated = switch (table) {
				case "organisation" -> 6;
				case "coordination_unit" -> 1;
				default -> 0;
			};
			assertThat(this.summary.rows(table)).as(table).isEqualTo(rows - migrated);
		});
		assertThat(this.lastRevision).isEqualTo(this.summary.rows("audit_revision"));
		assertThat(this.lastRead).isEqualTo(this.summary.rows("access_log"));
	}

	@Test
	void everyStatusIsReachedOnlyAlongTheWorkflow() {
		Map<String, Long> byStatus = new LinkedHashMap<>();
		this.dataset.query("select status, count(*) from concern_case where created_at <= ? group by status",
				(RowCallbackHandler) (row) -> byStatus.put(row.getString(1), row.getLong(2)), END);
		assertThat(byStatus).containsOnlyKeys("RECEIVED", "SCREENING", "AWAITING_MEETING", "ACTIVE", "MONITORING",
				"CLOSED");
		assertThat(byStatus.get("CLOSED")).isGreaterThan(1_700L);
		List<String> broken = new ArrayList<>();
		Map<UUID, CaseStatus> last = new LinkedHashMap<>();
		this.dataset.query("select id, status, revtype from concern_case_aud where rev <= ? order by id, rev",
				(RowCallbackHandler) (row) -> {
					UUID id = row.getObject(1, UUID.class);
					CaseStatus status = CaseStatus.valueOf(row.getString(2));
					CaseStatus before = last.put(id, status);
					if (before == null ? (row.getInt(3) != 0 || status != CaseStatus.RECEIVED)
							: (before != status && !CaseWorkflow.allows(before, status))) {
						broken.add(id + ": " + before + " -> " + status);
					}
				}, this.lastRevision);
		assertThat(broken).isEmpty();
		assertThat(last).hasSize(2_000);
		this.dataset.query("select id, status from concern_case where created_at <= ?", (RowCallbackHandler) (row) -> {
			assertThat(last.get(row.getObject(1, UUID.class))).isEqualTo(CaseStatus.valueOf(row.getString(2)));
		}, END);
	}

	@Test
	void theServiceDecryptsEveryCprAndHashesItTheSame() {
		CprProtector protector = this.service.getBean(CprProtector.class);
		// the first person of the run
		Map<String, Object> first = this.dataset.queryForMap(
				"select subject_cpr_encrypted, subject_cpr_hash from concern_case where subject_cpr_masked = '010137-xxxx' order by created_at limit 1");
		assertThat(protector.reveal((byte[]) first.get("subject_cpr_encrypted")).formatted()).isEqualTo("010137-9005");
		assertThat(first.get("subject_cpr_hash")).isEqualTo(protector.hash(CprNumber.parse("010137-9005")));
		List<String> mismatches = new ArrayList<>();
		this.dataset.query("select case_number, subject_cpr_encrypted, subject_cpr_hash, subject_cpr_masked "
				+ "from concern_case where created_at <= ?", (RowCallbackHandler) (row) -> {
					CprNumber cpr = protector.reveal(row.getBytes(2));
					if (!cpr.masked().equals(row.getString(4)) || !protector.hash(cpr).equals(row.getString(3))
							|| !cpr.digits().matches("(0[1-9]|1\\d|2[0-8])\\d{4}9\\d\\d5")) {
						mismatches.add(row.getString(1));
					}
				}, END);
		assertThat(mismatches).isEmpty();
	}

	@Test
	void theSecretariatSeesAGeneratedCaseAndItsHistory() {
		Map<String, Object> row = this.dataset.queryForMap("""
				select id, case_number, subject_cpr_encrypted from concern_case
				where unit_code = 'KBH' and closing_reason = 'PLAN_COMPLETED'
				order by created_at limit 1
				""");
		String caseId = row.get("id").toString();
		Api.Response shown = this.serviceApi.as("sekretariat").get("/api/cases/" + caseId);
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.text("/caseNumber")).isEqualTo(row.get("case_number"));
		assertThat(shown.text("/status")).isEqualTo("CLOSED");
		assertThat(shown.text("/subject/cpr")).isEqualTo(
				this.service.getBean(CprProtector.class).reveal((byte[]) row.get("subject_cpr_encrypted")).formatted());

		Api.Response history = this.serviceApi.as("sekretariat").get("/api/cases/" + caseId + "/history");
		assertThat(history.status()).isEqualTo(200);
		List<String> moves = new ArrayList<>();
		List<String> types = new ArrayList<>();
		String decidedAt = null;
		for (JsonNode entry : history.json()) {
			for (JsonNode change : entry.get("changes")) {
				types.add(change.get("type").asString());
				if ("STATUS_CHANGED".equals(change.get("type").asString())) {
					moves.add(change.get("to").asString());
					assertThat(entry.get("username").asString()).isEqualTo("sekretariat");
					if ("ACTIVE".equals(change.get("to").asString())) {
						decidedAt = entry.get("source").asString();
					}
				}
			}
		}
		List<String> stored = this.dataset.queryForList(
				"select status from concern_case_aud where id = ? and revtype = 1 order by rev", String.class,
				row.get("id"));
		assertThat(moves).isEqualTo(stored.stream().distinct().filter((status) -> !status.equals("RECEIVED")).toList());
		assertThat(moves.get(0)).isEqualTo("SCREENING");
		assertThat(moves.get(moves.size() - 1)).isEqualTo("CLOSED");
		assertThat(types.get(0)).isEqualTo("CASE_OPENED");
		assertThat(types).contains("REFERRAL_ADDED", "PARTICIPANT_ADDED", "TASK_GIVEN", "REVIEW_SCHEDULED");
		assertThat(decidedAt).matches("Møde \\d{1,2}\\. [a-zæøå]+ \\d{4}, punkt \\d+ \\([0-9a-f-]{36}\\)");
	}

	@Test
	void aCprSearchFindsThePersonsCases() {
		String hash = this.dataset.queryForObject("""
				select subject_cpr_hash from concern_case where unit_code = 'KBH'
				group by subject_cpr_hash having count(*) > 1 order by subject_cpr_hash limit 1
				""", String.class);
		Set<String> expected = new HashSet<>(this.dataset.queryForList(
				"select id::text from concern_case where unit_code = 'KBH' and subject_cpr_hash = ?", String.class,
				hash));
		byte[] encrypted = this.dataset.queryForObject(
				"select subject_cpr_encrypted from concern_case where subject_cpr_hash = ? limit 1", byte[].class,
				hash);
		String cpr = this.service.getBean(CprProtector.class).reveal(encrypted).formatted();
		Api.Response found = this.serviceApi.as("sekretariat").post("/api/cases/search", Map.of("q", cpr));
		assertThat(found.status()).isEqualTo(200);
		Set<String> ids = new HashSet<>();
		found.json().get("items").forEach((item) -> ids.add(item.get("caseId").asString()));
		assertThat(expected).hasSizeGreaterThan(1);
		assertThat(ids).isEqualTo(expected);
	}

	@Test
	void theServiceSealedTheGeneratedHistoryAndItVerifies() {
		Api.Response report = this.serviceApi.as("auditor").get("/api/audit/verification");
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().get("intact").asBoolean()).as(report.body()).isTrue();
		// everything generated, and whatever the other tests have written since
		assertThat(report.json().get("revisions").asLong()).isGreaterThanOrEqualTo(this.lastRevision);
		assertThat(report.json().get("accessLogEntries").asLong()).isGreaterThanOrEqualTo(this.lastRead);
		// more than twice AuditChain.GENESIS_REPLAN (10): the genesis had its plans made
		// again on the way, and the chain it wrote still verifies
		assertThat(count("select count(*) from audit_seal where kind = 'GENESIS'")).isGreaterThan(20);
	}

	@Test
	void everyReadBelongsToTheRequestOfItsRevision() {
		assertThat(this.dataset.queryForList("select distinct what from access_log where id <= ? order by what",
				String.class, this.lastRead))
			.containsExactly("CASE", "CASE_STATUS_REPORTS", "CASE_TASKS", "MEETING_MINUTES");
		assertThat(count("""
				select count(*) from access_log l
				where l.id <= %d and not exists (select 1 from audit_revision r where r.request_id = l.request_id
				                  and r.username = l.username and r.revision_time = l.read_at)
				""".formatted(this.lastRead))).isZero();
		assertThat(count("""
				select count(*) from access_log l join concern_case c on c.id = l.case_id
				where l.subject_cpr_hash <> c.subject_cpr_hash
				""")).isZero();
	}

	@Test
	void aNewCaseIsNumberedAfterTheGeneratedOnes() {
		int year = LocalDate.now(MillionCases.ZONE).getYear();
		List<Integer> last = this.dataset.queryForList(
				"select last_value from case_number_counter where unit_code = 'KBH' and series = 'CASE' and year = ?",
				Integer.class, year);
		long highestRevision = count("select max(id) from audit_revision");
		Api.Response receipt = this.serviceApi.as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertThat(receipt.status()).isEqualTo(201);
		Map<String, Object> opened = this.dataset.queryForMap(
				"select c.case_number, c.id from referral r join concern_case c on c.id = r.case_id where r.id = ?",
				UUID.fromString(receipt.text("/referralId")));
		assertThat(opened.get("case_number"))
			.isEqualTo("KBH-%d-%04d".formatted(year, (last.isEmpty() ? 0 : last.get(0)) + 1));
		assertThat(count("select min(rev) from concern_case_aud where id = '" + opened.get("id") + "'"))
			.isGreaterThan(highestRevision);
	}

	@Test
	void refusesADatabaseWithCasesOrABegunChain() {
		assertThat(this.refusedWithCases).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already has 2000 cases");
		assertThat(catchThrowable(() -> MillionCases.generate(this.owner, MillionCases.Options.of(10, 20, 7))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("audit chain of this database has begun");
	}

	private long count(String sql) {
		Long value = this.dataset.queryForObject(sql, Long.class);
		return (value != null) ? value : 0;
	}

}
