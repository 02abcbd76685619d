package dk.coordination.audit.internal;

import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.AuditTrail;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service runs as its own role with what afterMigrate.sql grants, read back from the
 * catalogue, so a table a later migration adds is checked without this test knowing it.
 */
class DatabaseRolesIntegrationTests extends IntegrationTestEnvironment {

	private static final String PRIVILEGES = """
			select c.relname,
			       string_agg(p.privilege, ',' order by p.privilege) filter (
			           where has_table_privilege('coordination_app', c.oid, p.privilege)) as granted
			from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			cross join unnest(array['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'])
			    as p(privilege)
			where n.nspname = 'public' and c.relkind in ('r', 'p')
			group by c.relname
			""";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Flyway flyway;

	private final JdbcTemplate superuser = EmbeddedDatabase.shared().superuserJdbc();

	@Test
	void theServiceConnectsAsItsOwnRoleAndMigratesAsTheOwner() {
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("coordination_app");
		assertThat(this.superuser.queryForList(
				"select distinct pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n"
						+ " on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')",
				String.class))
			.containsExactly("coordination_owner");
	}

	@Test
	void theAuditTrailIsAppendOnlyAndEverythingElseWritableForTheService() {
		Map<String, String> granted = privileges();
		assertThat(granted).containsKeys("audit_revision", "access_log", "concern_case_aud", "referral_aud",
				"concern_case", "event_publication", "flyway_schema_history");
		granted.forEach((table, privileges) -> {
			if (table.equals("flyway_schema_history")) {
				assertThat(privileges).as(table).isEmpty();
			}
			else if (table.equals("audit_revision") || table.endsWith("_aud") || table.startsWith("audit_")
					|| table.startsWith("access_log")) {
				assertThat(privileges).as(table).isEqualTo("INSERT,SELECT");
			}
			else {
				assertThat(privileges).as(table).isEqualTo("DELETE,INSERT,SELECT,UPDATE");
			}
		});
	}

	@Test
	void aHistoryTableAddedLaterGetsTheSameRightsAndIsSealed() {
		this.superuser.execute("set role coordination_owner; create table later_feature_aud (id bigint, rev bigint)");
		try {
			this.flyway.migrate();
			assertThat(privileges().get("later_feature_aud")).isEqualTo("INSERT,SELECT");

			// the audit chain covers it from the migration on: a row slipped into a
			// sealed revision there is found
			String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER")));
			long revision = this.superuser.queryForObject("select max(rev) from concern_case_aud where id = ?::uuid",
					Long.class, caseId);
			long seal = this.superuser.queryForObject(
					"select max(seal) from audit_seal_item where kind = 'REVISION' and ref = ?", Long.class, revision);
			this.superuser.update("insert into later_feature_aud (id, rev) values (1, ?)", revision);
			JsonNode report = api().as("auditor").get("/api/audit/verification").json();
			assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
			assertThat(report.get("firstBrokenLink").get("detail").asString()).as(report.toString())
				.isEqualTo("Revision " + revision + " in later_feature_aud is not covered by seal " + seal
						+ ", which sealed the rest of it");
		}
		finally {
			this.superuser.execute("drop table later_feature_aud");
			// the chain's digests name the tables there are (afterMigrate.sql): a table
			// dropped outside a migration needs the next migrate to leave them
			this.flyway.migrate();
		}
		AuditTrail.assertIntact(api());
	}

	@Test
	void theServiceRefusesToStartOnARoleThatCouldRewriteTheTrail() {
		assertThatThrownBy(() -> check(this.superuser).afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("The service connects to PostgreSQL as postgres, a superuser");
		JdbcTemplate owner = new JdbcTemplate(EmbeddedDatabase.shared().ownerDataSource());
		assertThatThrownBy(() -> check(owner).afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("The service's database role coordination_owner may change or delete the audit"
					+ " trail (access_log, ")
			.hasMessageContaining(" audit_revision, ")
			.hasMessageContaining("concern_case_aud");
		// the role the service runs as passes
		check(new JdbcTemplate(EmbeddedDatabase.shared().applicationDataSource())).afterPropertiesSet();
	}

	private Map<String, String> privileges() {
		return this.superuser.query(PRIVILEGES, (row) -> {
			Map<String, String> result = new TreeMap<>();
			while (row.next()) {
				String granted = row.getString("granted");
				result.put(row.getString("relname"), (granted != null) ? granted : "");
			}
			return result;
		});
	}

	private static AuditTrailPrivilegeCheck check(JdbcTemplate template) {
		return new AuditTrailPrivilegeCheck(JdbcClient.create(template));
	}

}
