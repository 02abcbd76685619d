/**
 * The audit trail: every change the service commits becomes a Hibernate Envers revision
 * that records who made it (user and organisation from the token), when, and the request
 * id that ties it to the HTTP request and the logs. Modules read history through Envers'
 * {@code AuditReader} and get the revision's metadata as an
 * {@link dk.coordination.audit.AuditRevision}.
 * <p>
 * It also keeps the log of reads of personal data
 * ({@link dk.coordination.audit.AccessLog}), insert-only, and serves it to the auditor by
 * case or by person, including the export of a citizen's reads; the insight module gets a
 * person's reads without the readers' identities through
 * {@link dk.coordination.audit.PersonReads}.
 * <p>
 * Uses {@code security} (the caller), {@code personaldata} (finding a person's reads by
 * the keyed hash of the CPR number) and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package dk.coordination.audit;
