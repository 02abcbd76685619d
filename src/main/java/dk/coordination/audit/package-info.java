/**
 * The audit trail: every change the service commits becomes a Hibernate Envers revision
 * that records who made it (user and organisation from the token), when, and the request
 * id that ties it to the HTTP request and the logs. Modules read history through Envers'
 * {@code AuditReader} and get the revision's metadata as an
 * {@link dk.coordination.audit.AuditRevision}.
 * <p>
 * Uses {@code security} to know the caller.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package dk.coordination.audit;
