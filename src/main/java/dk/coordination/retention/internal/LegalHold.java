package dk.coordination.retention.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

/**
 * A legal hold on a case: while it exists, retention leaves the case alone. Audited, so
 * who placed and released a hold, when and why stays in the history (until the case is
 * anonymised, which blanks the reason there too).
 */
@Entity
@Audited
@Table(name = "legal_hold")
class LegalHold {

	@Id
	@Column(name = "case_id")
	private UUID caseId;

	@Column(nullable = false)
	private String reason;

	@Column(name = "placed_by_user", nullable = false)
	private String placedByUser;

	@Column(name = "placed_by_org")
	private String placedByOrg;

	@Column(name = "placed_at", nullable = false)
	private Instant placedAt;

	protected LegalHold() {
	}

	LegalHold(UUID caseId, String reason, String placedByUser, String placedByOrg, Instant placedAt) {
		this.caseId = caseId;
		place(reason, placedByUser, placedByOrg, placedAt);
	}

	void place(String reason, String placedByUser, String placedByOrg, Instant placedAt) {
		this.reason = reason;
		this.placedByUser = placedByUser;
		this.placedByOrg = placedByOrg;
		this.placedAt = placedAt;
	}

	UUID getCaseId() {
		return this.caseId;
	}

	String getReason() {
		return this.reason;
	}

	String getPlacedByUser() {
		return this.placedByUser;
	}

	String getPlacedByOrg() {
		return this.placedByOrg;
	}

	Instant getPlacedAt() {
		return this.placedAt;
	}

}
