package dk.coordination.casework.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

/**
 * A look at a closed case some months after closing (the Channel programme's practice):
 * did the concern stay resolved? Its outcome confirms the closure or reopens the case.
 */
@Entity
@Audited
@Table(name = "case_review")
class CaseReview {

	enum State {

		PENDING, CONFIRMED, REOPENED, CANCELLED

	}

	@Id
	private UUID id;

	@Column(name = "case_id", nullable = false, updatable = false)
	private UUID caseId;

	@Column(name = "due_date", nullable = false, updatable = false)
	private LocalDate dueDate;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private State state;

	private String outcome;

	@Column(name = "decided_at")
	private Instant decidedAt;

	protected CaseReview() {
	}

	static CaseReview due(UUID caseId, LocalDate dueDate) {
		CaseReview review = new CaseReview();
		review.id = UUID.randomUUID();
		review.caseId = caseId;
		review.dueDate = dueDate;
		review.state = State.PENDING;
		return review;
	}

	void decide(State outcomeState, String outcome, Instant now) {
		this.state = outcomeState;
		this.outcome = outcome;
		this.decidedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getCaseId() {
		return this.caseId;
	}

	public LocalDate getDueDate() {
		return this.dueDate;
	}

	public State getState() {
		return this.state;
	}

	public String getOutcome() {
		return this.outcome;
	}

}
