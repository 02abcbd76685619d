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
import dk.coordination.casework.ReferralState;
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

	/** Every revision of the case, as the secretariat sees it; see {@link #shownTo}. */
	List<Entry> of(UUID caseId) {
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
		return entries.values().stream().filter((entry) -> !entry.changes().isEmpty()).toList();
	}

	/**
	 * The history as one reader may see it. The secretariat sees it whole; to everyone
	 * else it never names users or organisations other than their own: the secretariat is
	 * "koordineringsenheden", anyone else "en anden myndighed" (see
	 * {@link CaseAccess.Access#organisationShown}), and the request ids, which lead to
	 * the secretariat's logs, are left out.
	 */
	static List<Entry> shownTo(CaseAccess.Access access, List<Entry> entries) {
		if (access.canManage()) {
			return entries;
		}
		return entries.stream()
			.map((entry) -> new Entry(entry.revision(), entry.at(),
					access.userShown(entry.organisation(), entry.username()),
					access.organisationShown(entry.organisation()), null, entry.source(),
					entry.changes().stream().map((change) -> change.shownTo(access)).toList()))
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
		Map<UUID, Referral> previous = new HashMap<>();
		for (Object[] row : referralRevisions) {
			Referral referral = (Referral) row[0];
			Referral before = previous.put(referral.getId(), referral);
			List<Change> changes = entry(entries, row);
			if (row[2] == RevisionType.ADD || before == null) {
				changes.add(new Change.ReferralAdded(referral.getId(), referral.getSubmittedByOrganisation(),
						referral.getSubmittedByUser(), referral.getCategory(), referral.isUrgent()));
				continue;
			}
			if (referral.isSharedWithParticipants() != before.isSharedWithParticipants()) {
				changes.add(new Change.ReferralSharing(referral.getId(), referral.getSubmittedByOrganisation(),
						referral.isSharedWithParticipants()));
			}
			if (referral.getState() != before.getState()) {
				changes.add(new Change.ReferralStateChanged(referral.getId(), referral.getSubmittedByOrganisation(),
						before.getState(), referral.getState()));
			}
			if (!Objects.equals(referral.getFeedback(), before.getFeedback())) {
				changes.add(new Change.FeedbackGiven(referral.getId(), referral.getSubmittedByOrganisation(),
						referral.getFeedback()));
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
				boolean replanned = !Objects.equals(before.getDueDate(), task.getDueDate());
				entry(entries, row).add(new Change.TaskUpdated(task.getId(), task.getOrganisation(), before.getState(),
						task.getState(), task.getOutcome(),
						Objects.equals(before.getDescription(), task.getDescription()) ? null : task.getDescription(),
						replanned, replanned ? before.getDueDate() : null, task.getDueDate()));
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

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Change.CaseOpened.class, name = "CASE_OPENED"),
			@JsonSubTypes.Type(value = Change.StatusChanged.class, name = "STATUS_CHANGED"),
			@JsonSubTypes.Type(value = Change.ReferralAdded.class, name = "REFERRAL_ADDED"),
			@JsonSubTypes.Type(value = Change.NewInformationFlag.class, name = "NEW_INFORMATION_FLAG"),
			@JsonSubTypes.Type(value = Change.SubjectChanged.class, name = "SUBJECT_CHANGED"),
			@JsonSubTypes.Type(value = Change.FollowUpDateSet.class, name = "FOLLOW_UP_DATE_SET"),
			@JsonSubTypes.Type(value = Change.ReferralSharing.class, name = "REFERRAL_SHARING"),
			@JsonSubTypes.Type(value = Change.ReferralStateChanged.class, name = "REFERRAL_STATE_CHANGED"),
			@JsonSubTypes.Type(value = Change.FeedbackGiven.class, name = "FEEDBACK_GIVEN"),
			@JsonSubTypes.Type(value = Change.ParticipantAdded.class, name = "PARTICIPANT_ADDED"),
			@JsonSubTypes.Type(value = Change.ParticipantEnded.class, name = "PARTICIPANT_ENDED"),
			@JsonSubTypes.Type(value = Change.TaskGiven.class, name = "TASK_GIVEN"),
			@JsonSubTypes.Type(value = Change.TaskUpdated.class, name = "TASK_UPDATED"),
			@JsonSubTypes.Type(value = Change.StatusReported.class, name = "STATUS_REPORTED"),
			@JsonSubTypes.Type(value = Change.ReviewScheduled.class, name = "REVIEW_SCHEDULED"),
			@JsonSubTypes.Type(value = Change.ReviewDecided.class, name = "REVIEW_DECIDED") })
	sealed interface Change {

		/**
		 * The change as a reader outside the secretariat may see it: organisations and
		 * users named as {@link CaseAccess.Access#organisationShown} and
		 * {@link CaseAccess.Access#userShown} allow. Changes that name nobody are shown
		 * as they are.
		 */
		default Change shownTo(CaseAccess.Access access) {
			return this;
		}

		record CaseOpened(String caseNumber, CaseStatus status) implements Change {
		}

		@JsonInclude(JsonInclude.Include.NON_NULL)
		record StatusChanged(CaseStatus from, CaseStatus to, String reason, ClosingReason closingReason,
				SecretariatModel secretariatModel) implements Change {
		}

		@JsonInclude(JsonInclude.Include.NON_NULL)
		record ReferralAdded(UUID referralId, String organisation, String submittedBy, ConcernCategory category,
				boolean urgent) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new ReferralAdded(this.referralId, access.organisationShown(this.organisation),
						access.userShown(this.organisation, this.submittedBy), this.category, this.urgent);
			}

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

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new ReferralSharing(this.referralId, access.organisationShown(this.organisation),
						this.sharedWithParticipants);
			}

		}

		/** The referral's own state, as its submitter follows it. */
		record ReferralStateChanged(UUID referralId, String organisation, ReferralState from,
				ReferralState to) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new ReferralStateChanged(this.referralId, access.organisationShown(this.organisation), this.from,
						this.to);
			}

		}

		/** Feedback to a referral's submitter: its text is for the submitter. */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		record FeedbackGiven(UUID referralId, String organisation, String feedback) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				boolean own = access.user().belongsTo(this.organisation);
				return new FeedbackGiven(this.referralId, access.organisationShown(this.organisation),
						own ? this.feedback : null);
			}

		}

		/**
		 * A disclosure: to which organisation, on which basis, for what, under which
		 * restriction.
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		record ParticipantAdded(String organisation, LegalBasis legalBasis, String purpose,
				String usageRestriction) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new ParticipantAdded(access.organisationShown(this.organisation), this.legalBasis, this.purpose,
						this.usageRestriction);
			}

		}

		/** The period in which the organisation had access. */
		record ParticipantEnded(String organisation, Instant accessFrom, Instant accessUntil,
				String reason) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new ParticipantEnded(access.organisationShown(this.organisation), this.accessFrom,
						this.accessUntil, this.reason);
			}

		}

		record TaskGiven(UUID taskId, String organisation, String description, LocalDate dueDate) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new TaskGiven(this.taskId, access.organisationShown(this.organisation), this.description,
						this.dueDate);
			}

		}

		/**
		 * @param description the new description, when it changed
		 * @param dueDateChanged whether the secretariat moved the due date, from
		 * {@code previousDueDate} to {@code dueDate}
		 */
		@JsonInclude(JsonInclude.Include.NON_NULL)
		record TaskUpdated(UUID taskId, String organisation, TaskState from, TaskState to, String outcome,
				String description, boolean dueDateChanged, LocalDate previousDueDate,
				LocalDate dueDate) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new TaskUpdated(this.taskId, access.organisationShown(this.organisation), this.from, this.to,
						this.outcome, this.description, this.dueDateChanged, this.previousDueDate, this.dueDate);
			}

		}

		record StatusReported(String organisation, Involvement involvement, String text) implements Change {

			@Override
			public Change shownTo(CaseAccess.Access access) {
				return new StatusReported(access.organisationShown(this.organisation), this.involvement, this.text);
			}

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
