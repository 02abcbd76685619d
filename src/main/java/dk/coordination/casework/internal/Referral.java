package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.security.CurrentUser;

/**
 * One concern about the case's person, as submitted. Never changed after submission.
 */
@Entity
@Audited
@Table(name = "referral")
class Referral {

	@Id
	private UUID id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "case_id", nullable = false, updatable = false)
	private ConcernCase concernCase;

	@Column(name = "submitted_by_user", nullable = false, updatable = false)
	private String submittedByUser;

	@Column(name = "submitted_by_org", nullable = false, updatable = false)
	private String submittedByOrganisation;

	@Column(name = "submitted_at", nullable = false, updatable = false)
	private Instant submittedAt;

	@Column(nullable = false, updatable = false)
	private String concern;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private ConcernCategory category;

	@Enumerated(EnumType.STRING)
	@Column(name = "legal_basis", nullable = false, updatable = false)
	private LegalBasis legalBasis;

	@Column(nullable = false, updatable = false)
	private boolean urgent;

	// the secretariat decides whether participating organisations may read the content
	@Column(name = "shared_with_participants", nullable = false)
	private boolean sharedWithParticipants;

	protected Referral() {
	}

	static Referral submitted(ConcernCase concernCase, NewReferral content, CurrentUser submitter, Instant now) {
		Referral referral = new Referral();
		referral.id = UUID.randomUUID();
		referral.concernCase = concernCase;
		referral.submittedByUser = submitter.username();
		referral.submittedByOrganisation = submitter.organisation();
		referral.submittedAt = now;
		referral.concern = content.concern();
		referral.category = content.category();
		referral.legalBasis = content.legalBasis();
		referral.urgent = content.urgent();
		concernCase.getReferrals().add(referral);
		return referral;
	}

	void shareWithParticipants(boolean shared) {
		this.sharedWithParticipants = shared;
	}

	public boolean isSharedWithParticipants() {
		return this.sharedWithParticipants;
	}

	public UUID getId() {
		return this.id;
	}

	public String getSubmittedByUser() {
		return this.submittedByUser;
	}

	public String getSubmittedByOrganisation() {
		return this.submittedByOrganisation;
	}

	public Instant getSubmittedAt() {
		return this.submittedAt;
	}

	public String getConcern() {
		return this.concern;
	}

	public ConcernCategory getCategory() {
		return this.category;
	}

	public LegalBasis getLegalBasis() {
		return this.legalBasis;
	}

	public boolean isUrgent() {
		return this.urgent;
	}

}
