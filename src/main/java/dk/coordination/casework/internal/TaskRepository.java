package dk.coordination.casework.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface TaskRepository extends JpaRepository<CaseTask, UUID> {

	List<CaseTask> findByCaseIdOrderByCreatedAt(UUID caseId);

	Optional<CaseTask> findByIdAndCaseId(UUID id, UUID caseId);

}
