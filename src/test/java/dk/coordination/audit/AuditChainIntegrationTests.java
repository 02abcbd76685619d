package dk.coordination.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.AuditTrail;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's hash chain: what a request writes is sealed when it commits, and a
 * row of {@code audit_revision}, an {@code *_aud} table or the access log changed,
 * deleted or added directly in SQL, or a seal changed or deleted, is found and located by
 * {@code GET /api/audit/verification}. Each test puts back what it tampered with, so the
 * chain is intact again for the next one.
 */
class AuditChainIntegrationTests extends IntegrationTestEnvironment {

	private final JdbcTemplate superuser = EmbeddedDatabase.shared().superuserJdbc();

	@Autowired
	private AccessLog accessLog;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void whatARequestWritesIsSealedAndTheChainHolds() {
		String caseId = submit();
		read(caseId);
		long revision = latestRevision(caseId);
		long entry = latestEntry(caseId);

		assertThat(this.superuser.queryForList(
				"select part from audit_seal_item where kind = 'REVISION' and ref = ? order by part", String.class,
				revision))
			.contains("audit_revision", "concern_case_aud", "referral_aud");
		assertThat(this.superuser.queryForObject(
				"select count(*) from audit_seal_item where kind = 'ACCESS_LOG' and ref = ? and part = 'access_log'",
				Long.class, entry))
			.isEqualTo(1);

		JsonNode report = verification();
		assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
		assertThat(report.get("brokenLinks").asLong()).isZero();
		assertThat(report.get("firstBrokenLink").isNull()).isTrue();
		long head = this.superuser.queryForObject("select max(seq) from audit_seal", Long.class);
		assertThat(report.get("head").get("seal").asLong()).isEqualTo(head);
		assertThat(report.get("seals").asLong()).isEqualTo(head);
		assertThat(report.get("head").get("mac").asString()).hasSize(64);
		assertThat(report.get("revisions").asLong())
			.isEqualTo(this.superuser.queryForObject("select count(*) from audit_revision", Long.class));
		assertThat(report.get("accessLogEntries").asLong())
			.isEqualTo(this.superuser.queryForObject("select count(*) from access_log", Long.class));
	}

	@Test
	void aRowAlteredInAnyAuditTableIsFoundAndLocated() {
		String caseId = submit();
		read(caseId);
		long revision = latestRevision(caseId);
		long entry = latestEntry(caseId);
		long revisionSeal = sealOf("REVISION", revision);
		long entrySeal = sealOf("ACCESS_LOG", entry);

		String savedRevision = save("audit_revision", "id = " + revision);
		tamper("update audit_revision set username = 'someone else' where id = ?", revision);
		assertFirstBrokenLink("ALTERED",
				"Revision " + revision + " in audit_revision differs from what seal " + revisionSeal + " sealed");
		restore("audit_revision", "id = " + revision, savedRevision);

		String savedCase = save("concern_case_aud", "rev = " + revision);
		tamper("update concern_case_aud set status = 'CLOSED' where rev = ?", revision);
		assertFirstBrokenLink("ALTERED",
				"Revision " + revision + " in concern_case_aud differs from what seal " + revisionSeal + " sealed");
		restore("concern_case_aud", "rev = " + revision, savedCase);

		String savedEntry = save("access_log", "id = " + entry);
		tamper("update access_log set purpose = 'Nysgerrighed' where id = ?", entry);
		assertFirstBrokenLink("ALTERED",
				"Access-log entry " + entry + " differs from what seal " + entrySeal + " sealed");
		restore("access_log", "id = " + entry, savedEntry);

		assertIntact();
	}

	@Test
	void aRowDeletedFromAnyAuditTableIsFoundAndLocated() {
		String caseId = submit();
		read(caseId);
		long revision = latestRevision(caseId);
		long entry = latestEntry(caseId);
		long revisionSeal = sealOf("REVISION", revision);
		long entrySeal = sealOf("ACCESS_LOG", entry);

		String savedCase = save("concern_case_aud", "rev = " + revision);
		tamper("delete from concern_case_aud where rev = ?", revision);
		assertFirstBrokenLink("DELETED",
				"Revision " + revision + " in concern_case_aud, sealed by seal " + revisionSeal + ", is gone");
		restore("concern_case_aud", "rev = " + revision, savedCase);

		String savedEntry = save("access_log", "id = " + entry);
		tamper("delete from access_log where id = ?", entry);
		assertFirstBrokenLink("DELETED", "Access-log entry " + entry + ", sealed by seal " + entrySeal + ", is gone");
		restore("access_log", "id = " + entry, savedEntry);

		// the revision itself, with every row of it, as someone covering their tracks
		// would
		String savedRevision = save("audit_revision", "id = " + revision);
		String savedReferral = save("referral_aud", "rev = " + revision);
		savedCase = save("concern_case_aud", "rev = " + revision);
		tamper("delete from referral_aud where rev = ?", revision);
		tamper("delete from concern_case_aud where rev = ?", revision);
		tamper("delete from audit_revision where id = ?", revision);
		assertFirstBrokenLink("DELETED",
				"Revision " + revision + " in audit_revision, sealed by seal " + revisionSeal + ", is gone");
		restore("audit_revision", "id = " + revision, savedRevision);
		restore("concern_case_aud", "rev = " + revision, savedCase);
		restore("referral_aud", "rev = " + revision, savedReferral);

		assertIntact();
	}

	@Test
	void aRowInsertedIntoAnyAuditTableIsFoundAndLocated() {
		String caseId = submit();
		long revision = latestRevision(caseId);
		long revisionSeal = sealOf("REVISION", revision);

		// a revision nobody wrote through the service, with its number from the sequence
		long forged = this.superuser.queryForObject("select nextval(pg_get_serial_sequence('audit_revision', 'id'))",
				Long.class);
		tamper("insert into audit_revision (id, revision_time, username) values (?, now(), 'sekretariat')", forged);
		assertFirstBrokenLink("INSERTED", "Revision " + forged + " in audit_revision is not covered by any seal");
		tamper("delete from audit_revision where id = ?", forged);

		// a second row slipped into a sealed revision
		String savedCase = save("concern_case_aud", "rev = " + revision);
		tamper("""
				insert into concern_case_aud
				select (jsonb_populate_record(null::concern_case_aud,
				  to_jsonb(a) || jsonb_build_object('id', ?::uuid))).* from concern_case_aud a where a.rev = ?
				""", UUID.randomUUID(), revision);
		assertFirstBrokenLink("ALTERED",
				"Revision " + revision + " in concern_case_aud differs from what seal " + revisionSeal + " sealed");
		tamper("delete from concern_case_aud where rev = ?", revision);
		restore("concern_case_aud", "rev = " + revision, savedCase);

		// rows of a revision in a table the seal did not cover
		tamper("""
				insert into meeting_aud (id, rev, revtype)
				select ?::uuid, ?, 0
				""", UUID.randomUUID(), revision);
		assertFirstBrokenLink("INSERTED", "Revision " + revision + " in meeting_aud is not covered by seal "
				+ revisionSeal + ", which sealed the rest of it");
		tamper("delete from meeting_aud where rev = ?", revision);

		// a read that never happened
		long entry = this.superuser.queryForObject("""
				insert into access_log (read_at, username, what, purpose)
				values (now(), 'sekretariat', 'CASE', 'Sagsbehandling') returning id
				""", Long.class);
		assertFirstBrokenLink("INSERTED", "Access-log entry " + entry + " is not covered by any seal");
		tamper("delete from access_log where id = ?", entry);

		assertIntact();
	}

	@Test
	void aSealAlteredOrDeletedIsFound() {
		String caseId = submit();
		read(caseId);
		long seal = sealOf("REVISION", latestRevision(caseId));

		String saved = save("audit_seal", "seq = " + seal);
		tamper("update audit_seal set sealed_at = sealed_at - interval '1 day' where seq = ?", seal);
		assertFirstBrokenLink("SEAL_ALTERED", "Seal " + seal
				+ " does not match its MAC: the seal, its items or its link to the seal before it was changed");
		restore("audit_seal", "seq = " + seal, saved);

		String savedItems = this.superuser.queryForObject(
				"select jsonb_agg(to_jsonb(i))::text from audit_seal_item i where seal = ?", String.class, seal);
		tamper("update audit_seal_item set digest = sha256('forged') where seal = ? and part = 'audit_revision'", seal);
		assertFirstBrokenLink("SEAL_ALTERED", "Seal " + seal
				+ " does not match its MAC: the seal, its items or its link to the seal before it was changed");
		tamper("delete from audit_seal_item where seal = ?", seal);
		tamper("insert into audit_seal_item select * from jsonb_populate_recordset(null::audit_seal_item, ?::jsonb)",
				savedItems);
		assertIntact();

		tamper("delete from audit_seal_item where seal = ?", seal);
		tamper("delete from audit_seal where seq = ?", seal);
		assertFirstBrokenLink("SEAL_MISSING",
				"Seal " + seal + " is missing: seal " + (seal + 1) + " follows seal " + (seal - 1));
		restore("audit_seal", "seq = " + seal, saved);
		tamper("insert into audit_seal_item select * from jsonb_populate_recordset(null::audit_seal_item, ?::jsonb)",
				savedItems);

		assertIntact();
	}

	@Test
	void aRepeatableReadTransactionLinksToTheSealCommittedAfterItsSnapshot() {
		String caseId = submit();
		TransactionTemplate snapshot = new TransactionTemplate(this.transactionManager);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		long before = this.superuser.queryForObject("select max(seq) from audit_seal", Long.class);

		snapshot.executeWithoutResult((status) -> {
			// the snapshot is taken here, before the read below commits its seal
			assertThat(jdbc().sql("select max(seq) from audit_seal").query(Long.class).single()).isEqualTo(before);
			read(caseId);
			this.accessLog
				.record(new PersonalDataRead(UUID.fromString(caseId), null, "CASE", "Kædetest i et øjebliksbillede"));
			assertThat(jdbc().sql("select max(seq) from audit_seal").query(Long.class).single()).isEqualTo(before);
		});

		// both were sealed, the transaction's own after the read it could not see, and
		// nothing else was: another seal with the same number would have failed the
		// commit
		long readSeal = this.superuser.queryForObject("""
				select max(i.seal) from audit_seal_item i join access_log l on l.id = i.ref
				where i.kind = 'ACCESS_LOG' and l.case_id = ?::uuid and l.purpose = 'Sagsbehandling'
				""", Long.class, caseId);
		long ownSeal = this.superuser.queryForObject("""
				select max(i.seal) from audit_seal_item i join access_log l on l.id = i.ref
				where i.kind = 'ACCESS_LOG' and l.case_id = ?::uuid and l.purpose = 'Kædetest i et øjebliksbillede'
				""", Long.class, caseId);
		assertThat(readSeal).isGreaterThan(before);
		assertThat(ownSeal).isGreaterThan(readSeal);
		assertIntact();
	}

	@Test
	void requestsInParallelGetConsecutiveSealsAndTheChainHolds() throws Exception {
		String caseId = submit();
		long before = this.superuser.queryForObject("select max(seq) from audit_seal", Long.class);
		int threads = 8;
		int reads = 5;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Integer>> readers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				readers.add(() -> {
					int ok = 0;
					for (int n = 0; n < reads; n++) {
						ok += (api().as("sekretariat").get("/api/cases/" + caseId).status() == 200) ? 1 : 0;
					}
					return ok;
				});
			}
			int ok = 0;
			for (Future<Integer> result : executor.invokeAll(readers)) {
				ok += result.get();
			}
			assertThat(ok).isEqualTo(threads * reads);
		}
		finally {
			executor.shutdownNow();
		}

		// one seal per request, numbered without gaps or twins
		assertThat(this.superuser.queryForObject("""
				select count(distinct i.seal) from audit_seal_item i join access_log l on l.id = i.ref
				where i.kind = 'ACCESS_LOG' and l.case_id = ?::uuid and i.seal > ?
				""", Long.class, caseId, before)).isEqualTo(threads * reads);
		assertThat(this.superuser.queryForObject("select max(seq) - count(*) from audit_seal", Long.class)).isZero();
		assertIntact();
	}

	@Test
	void theAuditorChecksTheChainOnAPageThatLocatesWhatWasChanged() {
		String caseId = submit();
		read(caseId);
		long entry = latestEntry(caseId);
		WebSession auditor = web("auditor");

		Page intact = auditor.get("/tilsyn/kontrol");
		assertThat(intact.status()).isEqualTo(200);
		assertThat(intact.title()).isEqualTo("Kontrol af revisionssporet – Tilsyn – Koordineringsenheden");
		assertThat(intact.html()).contains("Revisionssporet er intakt").doesNotContain("id=\"brud\"");
		long head = this.superuser.queryForObject("select max(seq) from audit_seal", Long.class);
		String mac = this.superuser.queryForObject("select encode(mac, 'hex') from audit_seal where seq = ?",
				String.class, head);
		assertThat(intact.html()).contains("<dd>" + head + "</dd>", mac);
		assertThat(auditor.get("/tilsyn").html()).contains("href=\"/tilsyn/kontrol\"");

		String saved = save("access_log", "id = " + entry);
		tamper("update access_log set purpose = 'Nysgerrighed' where id = ?", entry);
		try {
			Page broken = auditor.get("/tilsyn/kontrol");
			assertThat(broken.html()).contains("Revisionssporet er brudt", "1 brud fundet");
			String table = broken.html().substring(broken.html().indexOf("id=\"brud\""));
			assertThat(table).contains("<td>" + sealOf("ACCESS_LOG", entry) + "</td>", "<td>Opslag " + entry + "</td>",
					"<code>access_log</code>", "<td>Ændret efter forseglingen</td>");
		}
		finally {
			restore("access_log", "id = " + entry, saved);
		}
		assertThat(web("sekretariat").get("/tilsyn/kontrol").status()).isEqualTo(403);
	}

	@Test
	void onlyTheAuditorVerifies() {
		Response secretariat = api().as("sekretariat").get("/api/audit/verification");
		assertThat(secretariat.status()).as(secretariat.toString()).isEqualTo(403);
		assertThat(secretariat.body()).doesNotContain("\"head\"");
		Response anonymous = api().as(null).get("/api/audit/verification");
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
	}

	private String submit() {
		Response response = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return caseIdOf(response);
	}

	private void read(String caseId) {
		Response read = api().as("sekretariat").get("/api/cases/" + caseId);
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
	}

	/** The revision that created the case: its submission. */
	private long latestRevision(String caseId) {
		return this.superuser.queryForObject("select max(rev) from concern_case_aud where id = ?::uuid", Long.class,
				caseId);
	}

	private long latestEntry(String caseId) {
		return this.superuser.queryForObject("select max(id) from access_log where case_id = ?::uuid", Long.class,
				caseId);
	}

	private long sealOf(String kind, long ref) {
		return this.superuser.queryForObject("select max(seal) from audit_seal_item where kind = ? and ref = ?",
				Long.class, kind, ref);
	}

	private JsonNode verification() {
		Response response = api().as("auditor").get("/api/audit/verification");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private void assertFirstBrokenLink(String problem, String detail) {
		JsonNode report = verification();
		assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
		JsonNode first = report.get("firstBrokenLink");
		assertThat(first.get("detail").asString()).as(report.toString()).isEqualTo(detail);
		assertThat(first.get("problem").asString()).isEqualTo(problem);
		assertThat(report.get("listed").get(0)).isEqualTo(first);
	}

	private void assertIntact() {
		AuditTrail.assertIntact(api());
	}

	/** The rows matching a condition, as JSON, to put them back after tampering. */
	private String save(String table, String where) {
		return this.superuser.queryForObject("select jsonb_agg(to_jsonb(t))::text from " + table + " t where " + where,
				String.class);
	}

	private void restore(String table, String where, String saved) {
		tamper("delete from " + table + " where " + where);
		tamper("insert into " + table + " select * from jsonb_populate_recordset(null::" + table + ", ?::jsonb)",
				saved);
	}

	/**
	 * One statement as the superuser with triggers off, as someone with full access to
	 * the database could: the access log's own trigger refuses changes otherwise.
	 */
	private void tamper(String sql, Object... arguments) {
		DataSource dataSource = this.superuser.getDataSource();
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set session_replication_role = replica");
			}
			new JdbcTemplate(new SingleConnectionDataSource(connection, true)).update(sql, arguments);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
