package dk.coordination.audit.internal;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the service on a database role that could rewrite the audit trail it
 * writes: a superuser, the schema owner, or any role with UPDATE, DELETE or TRUNCATE on a
 * table of the trail. That is what an installation gets when the service and Flyway share
 * one role, and it would make "the log cannot be tidied by the application it watches" a
 * promise the database does not keep. Checked after the migrations, which create the
 * tables and grant the service role its rights (afterMigrate.sql).
 */
@Component
@DependsOnDatabaseInitialization
class AuditTrailPrivilegeCheck implements InitializingBean {

	// is_audit_table (V18) is the rule afterMigrate.sql grants by
	private static final String TOO_MUCH = """
			select c.relname
			from pg_class c
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = current_schema() and c.relkind in ('r', 'p') and is_audit_table(c.relname)
			  and (pg_get_userbyid(c.relowner) = current_user
			       or has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE')
			       or has_table_privilege(c.oid, 'TRUNCATE'))
			order by c.relname
			""";

	private final JdbcClient jdbc;

	AuditTrailPrivilegeCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void afterPropertiesSet() {
		String role = this.jdbc.sql("select current_user").query(String.class).single();
		boolean superuser = this.jdbc.sql("select rolsuper from pg_roles where rolname = current_user")
			.query(Boolean.class)
			.single();
		if (superuser) {
			throw new IllegalStateException("The service connects to PostgreSQL as " + role
					+ ", a superuser, which could rewrite the audit trail. Connect as the service's own role"
					+ " (spring.datasource.username) and migrate as the schema owner (spring.flyway.user);"
					+ " see docs/data-protection.md, 'Database roles'.");
		}
		List<String> tables = this.jdbc.sql(TOO_MUCH).query(String.class).list();
		if (!tables.isEmpty()) {
			throw new IllegalStateException("The service's database role " + role
					+ " may change or delete the audit trail (" + String.join(", ", tables)
					+ "). It must have only SELECT and INSERT there: connect as the service's own role"
					+ " (spring.datasource.username) and migrate as the schema owner (spring.flyway.user), so"
					+ " that afterMigrate.sql grants the service role what it needs; see"
					+ " docs/data-protection.md, 'Database roles'.");
		}
	}

}
