package dk.coordination.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

import dk.coordination.audit.internal.AuditRevisionListener;

/**
 * One Envers revision: one committed transaction, with who made it and from which
 * request. Public because Envers and the modules that read history need it; it is filled
 * in only by {@link AuditRevisionListener}.
 */
@Entity
@Table(name = "audit_revision")
@RevisionEntity(AuditRevisionListener.class)
public class AuditRevision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	@RevisionNumber
	private Long id;

	@RevisionTimestamp
	@Column(name = "revision_time", nullable = false)
	private Instant revisionTime;

	@Column(nullable = false)
	private String username;

	private String organisation;

	@Column(name = "request_id")
	private String requestId;

	@Column(name = "correlation_id")
	private String correlationId;

	private String source;

	protected AuditRevision() {
	}

	public Long getId() {
		return this.id;
	}

	public Instant getRevisionTime() {
		return this.revisionTime;
	}

	public String getUsername() {
		return this.username;
	}

	public String getOrganisation() {
		return this.organisation;
	}

	/** The service's own id of the request that made the revision. */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * What the caller sent as {@code X-Request-Id}, for the caller's tracing; never
	 * trusted as a key. Usually null.
	 */
	public String getCorrelationId() {
		return this.correlationId;
	}

	/**
	 * Where the change came from beyond the user, e.g. a meeting's decision; usually
	 * null.
	 */
	public String getSource() {
		return this.source;
	}

	/** Called by the revision listener only. */
	public void attribute(String username, String organisation, String requestId, String correlationId, String source) {
		this.source = source;
		this.username = username;
		this.organisation = organisation;
		this.requestId = requestId;
		this.correlationId = correlationId;
	}

}
