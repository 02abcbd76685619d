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

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.casework.ReferralState;
import dk.coordination.security.CurrentUser;

/**
 * One concern about the case's person, as submitted: its content never changes. It keeps
 * the subject's name and address as its submitter gave them, because a mistyped CPR
 * number must show up as a name that differs from the case's rather than be merged
 * silently. Afterwards only its sharing, its {@link ReferralState} and the feedback to
 * its submitter change.
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

	@Column(name = "receipt_number", nullable = false, updatable = false)
	private String receiptNumber;

	@Column(name = "subject_name", nullable = false, updatable = false)
	private String subjectName;

	@Column(name = "subject_address", updatable = false)
	private String subjectAddress;

	@Column(name = "attached_to_existing_case", nullable = false, updatable = false)
	private boolean attachedToExistingCase;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ReferralState state;

	private String feedback;

	@Column(name = "feedback_at")
	private Instant feedbackAt;

	@Column(name = "feedback_by")
	private String feedbackBy;

	protected Referral() {
	}

	static Referral submitted(ConcernCase concernCase, NewReferral content, CurrentUser submitter, String receiptNumber,
			boolean attachedToExistingCase, Instant now) {
		Referral referral = new Referral();
		referral.receiptNumber = receiptNumber;
		referral.subjectName = content.subjectName();
		referral.subjectAddress = content.subjectAddress();
		referral.attachedToExistingCase = attachedToExistingCase;
		referral.state = ReferralState.RECEIVED;
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

	/** The case moved on: the secretariat has taken this referral in, or closed it. */
	void caseMovedTo(CaseStatus status) {
		if (status == CaseStatus.CLOSED) {
			this.state = ReferralState.CLOSED;
		}
		else if (this.state == ReferralState.RECEIVED) {
			this.state = ReferralState.IN_PROGRESS;
		}
	}

	/**
	 * What the secretariat tells the submitter; giving it means the referral was taken
	 * in.
	 */
	void giveFeedback(String text, String by, Instant now) {
		this.feedback = text;
		this.feedbackBy = by;
		this.feedbackAt = now;
		if (this.state == ReferralState.RECEIVED) {
			this.state = ReferralState.IN_PROGRESS;
		}
	}

	public String getReceiptNumber() {
		return this.receiptNumber;
	}

	public String getSubjectName() {
		return this.subjectName;
	}

	public String getSubjectAddress() {
		return this.subjectAddress;
	}

	public boolean isAttachedToExistingCase() {
		return this.attachedToExistingCase;
	}

	public ReferralState getState() {
		return this.state;
	}

	public String getFeedback() {
		return this.feedback;
	}

	public Instant getFeedbackAt() {
		return this.feedbackAt;
	}

	public String getFeedbackBy() {
		return this.feedbackBy;
	}

	ConcernCase getConcernCase() {
		return this.concernCase;
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
