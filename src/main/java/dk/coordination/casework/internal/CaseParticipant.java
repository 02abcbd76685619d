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

import dk.coordination.casework.LegalBasis;
import dk.coordination.security.CurrentUser;

/**
 * An organisation's participation in a case, which is a disclosure: who disclosed the
 * case to the organisation, when, on which legal basis and for which purpose. Ending it
 * closes the period of access; the row is kept so the history shows when the organisation
 * had access.
 */
@Entity
@Audited
@Table(name = "case_participant")
class CaseParticipant {

	/**
	 * Retsplejeloven § 115, stk. 2: shown to the receiving organisation with the case.
	 */
	static final String SECTION_115_RESTRICTION = "Oplysningerne er videregivet efter retsplejelovens § 115 og må efter stk. 2 "
			+ "ikke anvendes i efterforskningen af strafbare forhold.";

	@Id
	private UUID id;

	@Column(name = "case_id", nullable = false, updatable = false)
	private UUID caseId;

	@Column(nullable = false, updatable = false)
	private String organisation;

	@Enumerated(EnumType.STRING)
	@Column(name = "legal_basis", nullable = false, updatable = false)
	private LegalBasis legalBasis;

	@Column(nullable = false, updatable = false)
	private String purpose;

	@Column(name = "usage_restriction", updatable = false)
	private String usageRestriction;

	@Column(name = "disclosed_by_user", nullable = false, updatable = false)
	private String disclosedByUser;

	@Column(name = "disclosed_by_org", nullable = false, updatable = false)
	private String disclosedByOrganisation;

	@Column(name = "started_at", nullable = false, updatable = false)
	private Instant startedAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Column(name = "ended_by_user")
	private String endedByUser;

	@Column(name = "end_reason")
	private String endReason;

	protected CaseParticipant() {
	}

	static CaseParticipant disclosed(UUID caseId, String organisation, LegalBasis legalBasis, String purpose,
			CurrentUser by, Instant now) {
		CaseParticipant participant = new CaseParticipant();
		participant.id = UUID.randomUUID();
		participant.caseId = caseId;
		participant.organisation = organisation;
		participant.legalBasis = legalBasis;
		participant.purpose = purpose;
		participant.usageRestriction = (legalBasis == LegalBasis.RETSPLEJELOVEN_115) ? SECTION_115_RESTRICTION : null;
		participant.disclosedByUser = by.username();
		participant.disclosedByOrganisation = by.organisation();
		participant.startedAt = now;
		return participant;
	}

	void end(String reason, CurrentUser by, Instant now) {
		this.endedAt = now;
		this.endedByUser = by.username();
		this.endReason = reason;
	}

	boolean isActive() {
		return this.endedAt == null;
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

	public LegalBasis getLegalBasis() {
		return this.legalBasis;
	}

	public String getPurpose() {
		return this.purpose;
	}

	public String getUsageRestriction() {
		return this.usageRestriction;
	}

	public String getDisclosedByUser() {
		return this.disclosedByUser;
	}

	public String getDisclosedByOrganisation() {
		return this.disclosedByOrganisation;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getEndedAt() {
		return this.endedAt;
	}

	public String getEndedByUser() {
		return this.endedByUser;
	}

	public String getEndReason() {
		return this.endReason;
	}

}
