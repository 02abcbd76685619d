package dk.coordination.casework.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface CaseReviewRepository extends JpaRepository<CaseReview, UUID> {

	List<CaseReview> findByCaseIdAndStateOrderByDueDate(UUID caseId, CaseReview.State state);

	List<CaseReview> findByCaseIdOrderByDueDate(UUID caseId);

}
