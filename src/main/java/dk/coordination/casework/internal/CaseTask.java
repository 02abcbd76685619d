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
import jakarta.persistence.Version;
import org.hibernate.envers.Audited;

import dk.coordination.casework.TaskState;

/**
 * A task an organisation carries out within its own statutory duties; the unit only
 * follows it.
 */
@Entity
@Audited
@Table(name = "case_task")
class CaseTask {

	@Id
	private UUID id;

	@Column(name = "case_id", nullable = false, updatable = false)
	private UUID caseId;

	@Column(nullable = false, updatable = false)
	private String organisation;

	@Column(nullable = false)
	private String description;

	@Column(name = "due_date")
	private LocalDate dueDate;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private TaskState state;

	private String outcome;

	@Column(name = "created_by_user", nullable = false, updatable = false)
	private String createdByUser;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private Long version;

	protected CaseTask() {
	}

	static CaseTask planned(UUID caseId, String organisation, String description, LocalDate dueDate, String createdBy,
			Instant now) {
		CaseTask task = new CaseTask();
		task.id = UUID.randomUUID();
		task.caseId = caseId;
		task.organisation = organisation;
		task.description = description;
		task.dueDate = dueDate;
		task.state = TaskState.PLANNED;
		task.createdByUser = createdBy;
		task.createdAt = now;
		task.updatedAt = now;
		return task;
	}

	/**
	 * Applies a change. The caller has checked that a finished task is not reopened and
	 * that an outcome accompanies DONE and CANCELLED.
	 */
	void update(String description, LocalDate dueDate, TaskState state, String outcome, Instant now) {
		if (description != null) {
			this.description = description;
		}
		if (dueDate != null) {
			this.dueDate = dueDate;
		}
		if (state != null) {
			this.state = state;
		}
		if (outcome != null) {
			this.outcome = outcome;
		}
		this.updatedAt = now;
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

	public String getDescription() {
		return this.description;
	}

	public LocalDate getDueDate() {
		return this.dueDate;
	}

	public TaskState getState() {
		return this.state;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public String getCreatedByUser() {
		return this.createdByUser;
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

}
