package dk.coordination.casework.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;
import org.hibernate.envers.NotAudited;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.ClosingReason;
import dk.coordination.organisation.SecretariatModel;
import dk.coordination.personaldata.ProtectedCpr;

/**
 * A case about one person in one unit. Its status only changes through {@link #moveTo},
 * which enforces {@link CaseWorkflow}; every change is a revision in
 * {@code concern_case_aud}.
 */
@Entity
@Audited
@Table(name = "concern_case")
class ConcernCase {

	@Id
	private UUID id;

	@Column(name = "unit_code", nullable = false, updatable = false)
	private String unitCode;

	@Column(name = "case_number", nullable = false, updatable = false)
	private String caseNumber;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private CaseStatus status;

	@Enumerated(EnumType.STRING)
	@Column(name = "closing_reason")
	private ClosingReason closingReason;

	@Column(name = "status_reason")
	private String statusReason;

	@Enumerated(EnumType.STRING)
	@Column(name = "status_model")
	private SecretariatModel statusModel;

	@Column(name = "new_information", nullable = false)
	private boolean newInformation;

	@Column(name = "subject_name", nullable = false)
	private String subjectName;

	@Column(name = "subject_address")
	private String subjectAddress;

	// never written by an update: the number does not change, and the key rotation
	// (CprKeyRotation) re-keys these columns in SQL while a user's edit of the same case
	// may be in flight, which would otherwise write back the ciphertext and hash it
	// loaded
	@Column(name = "subject_cpr_encrypted", nullable = false, updatable = false)
	private byte[] subjectCprEncrypted;

	@Column(name = "subject_cpr_hash", nullable = false, updatable = false)
	private String subjectCprHash;

	@Column(name = "subject_cpr_masked", nullable = false, updatable = false)
	private String subjectCprMasked;

	@Column(name = "follow_up_date")
	private LocalDate followUpDate;

	// set by retention in the database (anonymise_case), never by the service; the
	// erasure's own mark, so not part of the case's history
	@NotAudited
	@Column(name = "anonymised_at", insertable = false, updatable = false)
	private Instant anonymisedAt;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	// a wrapper, so a case not yet saved has no version and Spring Data persists instead
	// of merging
	@Version
	private Long version;

	// referrals are audited on their own; auditing the inverse collection would only
	// repeat them
	@NotAudited
	@OneToMany(mappedBy = "concernCase", cascade = CascadeType.PERSIST)
	@OrderBy("submittedAt asc")
	private List<Referral> referrals = new ArrayList<>();

	protected ConcernCase() {
	}

	static ConcernCase open(String unitCode, String caseNumber, String subjectName, String subjectAddress,
			ProtectedCpr cpr, SecretariatModel model, Instant now) {
		ConcernCase concernCase = new ConcernCase();
		concernCase.id = UUID.randomUUID();
		concernCase.unitCode = unitCode;
		concernCase.caseNumber = caseNumber;
		concernCase.status = CaseStatus.RECEIVED;
		// a status reason is what people wrote, in Danish; the system's own is no
		// exception, since the case's timeline shows it beside theirs
		concernCase.statusReason = "Bekymringshenvendelse modtaget";
		concernCase.statusModel = model;
		concernCase.subjectName = subjectName;
		concernCase.subjectAddress = subjectAddress;
		concernCase.subjectCprEncrypted = cpr.encrypted();
		concernCase.subjectCprHash = cpr.hash();
		concernCase.subjectCprMasked = cpr.masked();
		concernCase.createdAt = now;
		concernCase.updatedAt = now;
		return concernCase;
	}

	/**
	 * A further concern arrived: flag it so the secretariat sees there is new
	 * information.
	 */
	void receivedNewInformation(Instant now) {
		this.newInformation = true;
		this.updatedAt = now;
	}

	/**
	 * Moves the case along the workflow. The caller has checked the transition is allowed
	 * and the closing reason fits; this only guards against misuse.
	 */
	void moveTo(CaseStatus to, ClosingReason closingReason, String reason, SecretariatModel model, Instant now) {
		if (!CaseWorkflow.allows(this.status, to)) {
			throw new IllegalStateException(this.status + " -> " + to + " is not in the workflow");
		}
		this.status = to;
		this.closingReason = CaseWorkflow.needsClosingReason(to) ? closingReason : null;
		this.statusReason = reason;
		this.statusModel = model;
		// acting on the case is how the secretariat takes in what arrived since
		this.newInformation = false;
		this.referrals.forEach((referral) -> referral.caseMovedTo(to));
		this.updatedAt = now;
	}

	/**
	 * The secretariat's next look at the case; the follow-up list shows it when it is
	 * due.
	 */
	void followUpOn(LocalDate date, Instant now) {
		this.followUpDate = date;
		this.updatedAt = now;
	}

	public LocalDate getFollowUpDate() {
		return this.followUpDate;
	}

	public UUID getId() {
		return this.id;
	}

	public String getUnitCode() {
		return this.unitCode;
	}

	public String getCaseNumber() {
		return this.caseNumber;
	}

	public CaseStatus getStatus() {
		return this.status;
	}

	public ClosingReason getClosingReason() {
		return this.closingReason;
	}

	public String getStatusReason() {
		return this.statusReason;
	}

	public SecretariatModel getStatusModel() {
		return this.statusModel;
	}

	public boolean isNewInformation() {
		return this.newInformation;
	}

	public String getSubjectName() {
		return this.subjectName;
	}

	public String getSubjectAddress() {
		return this.subjectAddress;
	}

	public byte[] getSubjectCprEncrypted() {
		return this.subjectCprEncrypted;
	}

	public String getSubjectCprHash() {
		return this.subjectCprHash;
	}

	public String getSubjectCprMasked() {
		return this.subjectCprMasked;
	}

	/** Whether retention has anonymised the case: its personal data is gone. */
	boolean isAnonymised() {
		return this.anonymisedAt != null;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return (this.version != null) ? this.version : 0;
	}

	public List<Referral> getReferrals() {
		return this.referrals;
	}

}
