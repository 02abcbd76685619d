/**
 * Retention: a closed case is kept as long as its unit's rules say for its closing reason
 * (configuration {@code coordination.retention}), then anonymised in every table that
 * held something about the person, the audit history included, by a daily job or on an
 * administrator's request. A legal hold stops it for a case. What the statistics count
 * stays. See docs/data-protection.md.
 * <p>
 * Like {@code statistics} it reads the tables of {@code casework} directly, and it
 * changes them only through the database function {@code anonymise_case} (Flyway V15),
 * which runs as the schema owner because the service's own role may not change the audit
 * trail (decision 21). Uses {@code personaldata} (the CPR number's written forms, to cut
 * them out of kept texts), {@code audit} (sealing the rewritten history),
 * {@code casework} (closing reasons), {@code security} and {@code web}. Offers nothing to
 * other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Retention")
package dk.coordination.retention;
