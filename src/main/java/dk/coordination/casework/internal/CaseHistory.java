package dk.coordination.casework.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.persistence.EntityManager;
import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import org.springframework.stereotype.Component;

import dk.coordination.audit.AuditRevision;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
import dk.coordination.organisation.SecretariatModel;

/**
 * A case's history, read from Envers: each revision that touched the case or added a
 * referral to it, oldest first, with who made it and what changed. What changed is
 * derived by comparing each revision of the case with the one before, so nothing is
 * recorded twice.
 */
@Component
class CaseHistory {

	private final EntityManager entityManager;

	CaseHistory(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * @param visible which changes the reader may see; entries left without changes are
	 * dropped
	 */
	List<Entry> of(UUID caseId, Predicate<Change> visible) {
		AuditReader reader = AuditReaderFactory.get(this.entityManager);
		Map<Long, Entry> entries = new TreeMap<>();
		caseChanges(reader, caseId, entries);
		referralChanges(reader, caseId, entries);
		participantChanges(reader, caseId, entries);
		taskChanges(reader, caseId, entries);
		for (Object[] row : revisionsOf(reader, CaseReview.class, caseId)) {
			CaseReview review = (CaseReview) row[0];
			entry(entries, row).add((row[2] == RevisionType.ADD) ? new Change.ReviewScheduled(review.getDueDate())
					: new Change.ReviewDecided(review.getDueDate(), review.getState().name(), review.getOutcome()));
		}
		for (Object[] row : revisionsOf(reader, StatusReport.class, caseId)) {
			StatusReport report = (StatusReport) row[0];
			entry(entries, row)
				.add(new Change.StatusReported(report.getOrganisation(), report.getInvolvement(), report.getText()));
		}
		return entries.values()
			.stream()
			.map((entry) -> entry.only(visible))
			.filter((entry) -> !entry.changes().isEmpty())
			.toList();
	}

	private void caseChanges(AuditReader reader, UUID caseId, Map<Long, Entry> entries) {
		@SuppressWarnings("unchecked")
		List<Object[]> caseRevisions = reader.createQuery()
			.forRevisionsOfEntity(ConcernCase.class, false, true)
			.add(AuditEntity.id().eq(caseId))
			.addOrder(AuditEntity.revisionNumber().asc())
			.getResultList();
		ConcernCase previous = null;
		for (Object[] row : caseRevisions) {
			ConcernCase snapshot = (ConcernCase) row[0];
			List<Change> changes = entry(entries, row);
			if (row[2] == RevisionType.ADD || previous == null) {
				changes.add(new Change.CaseOpened(snapshot.getCaseNumber(), snapshot.getStatus()));
			}
			else {
				if (snapshot.getStatus() != previous.getStatus()) {
					changes.add(new Change.StatusChanged(previous.getStatus(), snapshot.getStatus(),
							snapshot.getStatusReason(), snapshot.getClosingReason(), snapshot.getStatusModel()));
				}
				if (snapshot.isNewInformation() != previous.isNewInformation()) {
					changes.add(new Change.NewInformationFlag(snapshot.isNewInformation()));
				}
				if (!Objects.equals(snapshot.getFollowUpDate(), previous.getFollowUpDate())) {
					changes.add(new Change.FollowUpDateSet(previous.getFollowUpDate(), snapshot.getFollowUpDate()));
				}
				if (!Objects.equals(snapshot.getSubjectName(), previous.getSubjectName())
						|| !Objects.equals(snapshot.getSubjectAddress(), previous.getSubjectAddress())) {
					changes.add(new Change.SubjectChanged());
				}
			}
			previous = snapshot;
		}
	}

	private void referralChanges(AuditReader reader, UUID caseId, Map<Long, Entry> entries) {

		@SuppressWarnings("unchecked")
		List<Object[]> referralRevisions = reader.createQuery()
			.forRevisionsOfEntity(Referral.class, false, true)
			.add(AuditEntity.relatedId("concernCase").eq(caseId))
			.addOrder(AuditEntity.revisionNumber().asc())
			.getResultList();
		for (Object[] row : referralRevisions) {
			Referral referral = (Referral) row[0];
			if (row[2] == RevisionType.ADD) {
				entry(entries, row)
					.add(new Change.ReferralAdded(referral.getId(), referral.getSubmittedByOrganisation(),
							referral.getSubmittedByUser(), referral.getCategory(), referral.isUrgent()));
			}
			else {
				// the only thing that changes on a referral after submission is whether
				// it is shared
				entry(entries, row).add(new Change.ReferralSharing(referral.getId(),
						referral.getSubmittedByOrganisation(), referral.isSharedWithParticipants()));
			}
		}
	}

	private void participantChanges(AuditReader reader, UUID caseId, Map<Long, Entry> entries) {
		for (Object[] row : revisionsOf(reader, CaseParticipant.class, caseId)) {
			CaseParticipant participant = (CaseParticipant) row[0];
			if (row[2] == RevisionType.ADD) {
				entry(entries, row).add(new Change.ParticipantAdded(participant.getOrganisation(),
						participant.getLegalBasis(), participant.getPurpose(), participant.getUsageRestriction()));
			}
			else if (participant.getEndedAt() != null) {
				entry(entries, row).add(new Change.ParticipantEnded(participant.getOrganisation(),
						participant.getStartedAt(), participant.getEndedAt(), participant.getEndReason()));
			}
		}
	}

	private void taskChanges(AuditReader reader, UUID caseId, Map<Long, Entry> entries) {
		Map<UUID, CaseTask> previous = new HashMap<>();
		for (Object[] row : revisionsOf(reader, CaseTask.class, caseId)) {
			CaseTask task = (CaseTask) row[0];
			CaseTask before = previous.put(task.getId(), task);
			if (row[2] == RevisionType.ADD || before == null) {
				entry(entries, row).add(new Change.TaskGiven(task.getId(), task.getOrganisation(),
						task.getDescription(), task.getDueDate()));
			}
			else {
				entry(entries, row).add(new Change.TaskUpdated(task.getId(), task.getOrganisation(), before.getState(),
						task.getState(), task.getOutcome(), task.getDueDate()));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Object[]> revisionsOf(AuditReader reader, Class<?> entity, UUID caseId) {
		return reader.createQuery()
			.forRevisionsOfEntity(entity, false, true)
			.add(AuditEntity.property("caseId").eq(caseId))
			.addOrder(AuditEntity.revisionNumber().asc())
			.getResultList();
	}

	private static List<Change> entry(Map<Long, Entry> entries, Object[] row) {
		AuditRevision revision = (AuditRevision) row[1];
		return entries.computeIfAbsent(revision.getId(), (id) -> Entry.of(revision)).changes();
	}

	/** One revision: one committed change, by one user, from one request. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(long revision, Instant at, String username, String organisation, String requestId, String source,
			List<Change> changes) {

		static Entry of(AuditRevision revision) {
			return new Entry(revision.getId(), revision.getRevisionTime(), revision.getUsername(),
					revision.getOrganisation(), revision.getRequestId(), revision.getSource(), new ArrayList<>());
		}

		Entry only(Predicate<Change> visible) {
			return new Entry(this.revision, this.at, this.username, this.organisation, this.requestId, this.source,
					this.changes.stream().filter(visible).toList());
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Change.CaseOpened.class, name = "CASE_OPENED"),
			@JsonSubTypes.Type(value = Change.StatusChanged.class, name = "STATUS_CHANGED"),
			@JsonSubTypes.Type(value = Change.ReferralAdded.class, name = "REFERRAL_ADDED"),
			@JsonSubTypes.Type(value = Change.NewInformationFlag.class, name = "NEW_INFORMATION_FLAG"),
			@JsonSubTypes.Type(value = Change.SubjectChanged.class, name = "SUBJECT_CHANGED"),
			@JsonSubTypes.Type(value = Change.FollowUpDateSet.class, name = "FOLLOW_UP_DATE_SET"),
			@JsonSubTypes.Type(value = Change.ReferralSharing.class, name = "REFERRAL_SHARING"),
			@JsonSubTypes.Type(value = Change.ParticipantAdded.class, name = "PARTICIPANT_ADDED"),
			@JsonSubTypes.Type(value = Change.ParticipantEnded.class, name = "PARTICIPANT_ENDED"),
			@JsonSubTypes.Type(value = Change.TaskGiven.class, name = "TASK_GIVEN"),
			@JsonSubTypes.Type(value = Change.TaskUpdated.class, name = "TASK_UPDATED"),
			@JsonSubTypes.Type(value = Change.StatusReported.class, name = "STATUS_REPORTED"),
			@JsonSubTypes.Type(value = Change.ReviewScheduled.class, name = "REVIEW_SCHEDULED"),
			@JsonSubTypes.Type(value = Change.ReviewDecided.class, name = "REVIEW_DECIDED") })
	sealed interface Change {

		record CaseOpened(String caseNumber, CaseStatus status) implements Change {
		}

		@JsonInclude(JsonInclude.Include.NON_NULL)
		record StatusChanged(CaseStatus from, CaseStatus to, String reason, ClosingReason closingReason,
				SecretariatModel secretariatModel) implements Change {
		}

		record ReferralAdded(UUID referralId, String organisation, String submittedBy, ConcernCategory category,
				boolean urgent) implements Change {
		}

		/**
		 * {@code flagged} true: new information arrived; false: the secretariat took it
		 * in.
		 */
		record NewInformationFlag(boolean flagged) implements Change {
		}

		record SubjectChanged() implements Change {
		}

		record FollowUpDateSet(LocalDate from, LocalDate to) implements Change {
		}

		record ReferralSharing(UUID referralId, String organisation, boolean sharedWithParticipants) implements Change {
		}

		/**
		 * A disclosure: to which organisation, on which basis, for what, under which
		 * restriction.
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		record ParticipantAdded(String organisation, LegalBasis legalBasis, String purpose,
				String usageRestriction) implements Change {
		}

		/** The period in which the organisation had access. */
		record ParticipantEnded(String organisation, Instant accessFrom, Instant accessUntil,
				String reason) implements Change {
		}

		record TaskGiven(UUID taskId, String organisation, String description, LocalDate dueDate) implements Change {
		}

		@JsonInclude(JsonInclude.Include.NON_NULL)
		record TaskUpdated(UUID taskId, String organisation, TaskState from, TaskState to, String outcome,
				LocalDate dueDate) implements Change {
		}

		record StatusReported(String organisation, Involvement involvement, String text) implements Change {
		}

		/** A review of the closed case, due on {@code dueDate}. */
		record ReviewScheduled(LocalDate dueDate) implements Change {
		}

		/**
		 * {@code outcome}: CONFIRMED the closure, REOPENED the case, or CANCELLED by a
		 * reopening.
		 */
		record ReviewDecided(LocalDate dueDate, String state, String outcome) implements Change {
		}

	}

}
