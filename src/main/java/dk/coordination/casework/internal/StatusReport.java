package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import dk.coordination.casework.Involvement;

/**
 * A participating organisation's report on its own part of a case. Never changed; a newer
 * report supersedes it on the case view, and all of them stay in the history.
 */
@Entity
@Audited
@Table(name = "status_report")
class StatusReport {

	@Id
	private UUID id;

	@Column(name = "case_id", nullable = false, updatable = false)
	private UUID caseId;

	@Column(nullable = false, updatable = false)
	private String organisation;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private Involvement involvement;

	@Column(nullable = false, updatable = false)
	private String text;

	@Column(name = "reported_by_user", nullable = false, updatable = false)
	private String reportedByUser;

	@Column(name = "reported_at", nullable = false, updatable = false)
	private Instant reportedAt;

	protected StatusReport() {
	}

	static StatusReport of(UUID caseId, String organisation, Involvement involvement, String text, String by,
			Instant now) {
		StatusReport report = new StatusReport();
		report.id = UUID.randomUUID();
		report.caseId = caseId;
		report.organisation = organisation;
		report.involvement = involvement;
		report.text = text;
		report.reportedByUser = by;
		report.reportedAt = now;
		return report;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getCaseId() {
		return this.caseId;
	}

	public String getOrganisation() {
		return this.organisation;
	}

	public Involvement getInvolvement() {
		return this.involvement;
	}

	public String getText() {
		return this.text;
	}

	public String getReportedByUser() {
		return this.reportedByUser;
	}

	public Instant getReportedAt() {
		return this.reportedAt;
	}

}
