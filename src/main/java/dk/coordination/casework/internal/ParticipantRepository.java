package dk.coordination.casework.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ParticipantRepository extends JpaRepository<CaseParticipant, UUID> {

	List<CaseParticipant> findByCaseIdOrderByStartedAt(UUID caseId);

	@Query("select p from CaseParticipant p where p.caseId = ?1 and p.organisation = ?2 and p.endedAt is null")
	Optional<CaseParticipant> findActive(UUID caseId, String organisation);

	@Query("select count(p) > 0 from CaseParticipant p where p.caseId = ?1 and p.organisation = ?2 and p.endedAt is null")
	boolean isActive(UUID caseId, String organisation);

}
