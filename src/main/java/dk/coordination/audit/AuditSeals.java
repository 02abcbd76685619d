package dk.coordination.audit;

import java.util.Collection;

/**
 * The tamper-evident chain over the audit trail, as the modules that legitimately rewrite
 * audit rows see it. Revisions and access-log entries are sealed when they are written; a
 * privileged rewrite (anonymisation when a case's retention period ends, CPR key
 * rotation) changes their content afterwards, so it must seal the new content in the same
 * transaction, or the verification would report the rewrite as tampering.
 */
public interface AuditSeals {

	/**
	 * Seals the current content of rows a privileged function has just rewritten.
	 * @param revisions ids of the revisions (audit_revision and every {@code *_aud} row
	 * with that rev) whose content changed
	 * @param accessLogEntries ids of the access-log rows whose content changed
	 * @param reason why they were rewritten, recorded with the seal (no personal data)
	 */
	void resealed(Collection<Long> revisions, Collection<Long> accessLogEntries, String reason);

}
