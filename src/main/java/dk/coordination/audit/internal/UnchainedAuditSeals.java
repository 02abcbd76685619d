package dk.coordination.audit.internal;

import java.util.Collection;

import org.springframework.stereotype.Component;

import dk.coordination.audit.AuditSeals;

/**
 * Stands in until the hash chain over the audit trail exists (issue 10, in progress):
 * there is nothing to reseal yet. The chain replaces this class.
 */
@Component
class UnchainedAuditSeals implements AuditSeals {

	@Override
	public void resealed(Collection<Long> revisions, Collection<Long> accessLogEntries, String reason) {
		// no chain yet
	}

}
