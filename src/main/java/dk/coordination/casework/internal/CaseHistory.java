package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.persistence.EntityManager;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;

import org.springframework.stereotype.Component;

import dk.coordination.audit.AuditRevision;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
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

	List<Entry> of(UUID caseId) {
		var reader = AuditReaderFactory.get(this.entityManager);
		Map<Long, Entry> entries = new TreeMap<>();

		@SuppressWarnings("unchecked")
		List<Object[]> caseRevisions = reader.createQuery()
			.forRevisionsOfEntity(ConcernCase.class, false, true)
			.add(AuditEntity.id().eq(caseId))
			.addOrder(AuditEntity.revisionNumber().asc())
			.getResultList();
		ConcernCase previous = null;
		for (Object[] row : caseRevisions) {
			ConcernCase snapshot = (ConcernCase) row[0];
			Entry entry = entries.computeIfAbsent(((AuditRevision) row[1]).getId(),
					(id) -> Entry.of((AuditRevision) row[1]));
			if (row[2] == RevisionType.ADD || previous == null) {
				entry.changes().add(new Change.CaseOpened(snapshot.getCaseNumber(), snapshot.getStatus()));
			}
			else {
				if (snapshot.getStatus() != previous.getStatus()) {
					entry.changes()
						.add(new Change.StatusChanged(previous.getStatus(), snapshot.getStatus(),
								snapshot.getStatusReason(), snapshot.getClosingReason(), snapshot.getStatusModel()));
				}
				if (snapshot.isNewInformation() != previous.isNewInformation()) {
					entry.changes().add(new Change.NewInformationFlag(snapshot.isNewInformation()));
				}
				if (!Objects.equals(snapshot.getSubjectName(), previous.getSubjectName())
						|| !Objects.equals(snapshot.getSubjectAddress(), previous.getSubjectAddress())) {
					entry.changes().add(new Change.SubjectChanged());
				}
			}
			previous = snapshot;
		}

		@SuppressWarnings("unchecked")
		List<Object[]> referralRevisions = reader.createQuery()
			.forRevisionsOfEntity(Referral.class, false, true)
			.add(AuditEntity.relatedId("concernCase").eq(caseId))
			.add(AuditEntity.revisionType().eq(RevisionType.ADD))
			.getResultList();
		for (Object[] row : referralRevisions) {
			Referral referral = (Referral) row[0];
			entries.computeIfAbsent(((AuditRevision) row[1]).getId(), (id) -> Entry.of((AuditRevision) row[1]))
				.changes()
				.add(new Change.ReferralAdded(referral.getId(), referral.getSubmittedByOrganisation(),
						referral.getSubmittedByUser(), referral.getCategory(), referral.isUrgent()));
		}
		return List.copyOf(entries.values());
	}

	/** One revision: one committed change, by one user, from one request. */
	record Entry(long revision, Instant at, String username, String organisation, String requestId,
			List<Change> changes) {

		static Entry of(AuditRevision revision) {
			return new Entry(revision.getId(), revision.getRevisionTime(), revision.getUsername(),
					revision.getOrganisation(), revision.getRequestId(), new ArrayList<>());
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Change.CaseOpened.class, name = "CASE_OPENED"),
			@JsonSubTypes.Type(value = Change.StatusChanged.class, name = "STATUS_CHANGED"),
			@JsonSubTypes.Type(value = Change.ReferralAdded.class, name = "REFERRAL_ADDED"),
			@JsonSubTypes.Type(value = Change.NewInformationFlag.class, name = "NEW_INFORMATION_FLAG"),
			@JsonSubTypes.Type(value = Change.SubjectChanged.class, name = "SUBJECT_CHANGED") })
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

	}

}
