package dk.coordination.audit.internal;

import org.hibernate.envers.RevisionListener;
import org.slf4j.MDC;

import dk.coordination.audit.AuditRevision;
import dk.coordination.audit.ChangeSource;
import dk.coordination.audit.RequestIds;
import dk.coordination.security.CurrentUser;

/**
 * Fills in who made a revision. Envers instantiates it itself, so it reads the caller
 * from the security context and the request and correlation ids from the MDC rather than
 * through injected beans.
 */
public class AuditRevisionListener implements RevisionListener {

	@Override
	public void newRevision(Object revisionEntity) {
		CurrentUser user = CurrentUser.current().orElse(CurrentUser.SYSTEM);
		((AuditRevision) revisionEntity).attribute(user.username(), user.organisation(), MDC.get(RequestIds.MDC_KEY),
				MDC.get(RequestIds.CORRELATION_MDC_KEY), ChangeSource.current());
	}

}
