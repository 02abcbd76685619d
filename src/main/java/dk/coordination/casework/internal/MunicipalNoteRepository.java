package dk.coordination.casework.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface MunicipalNoteRepository extends JpaRepository<MunicipalNote, UUID> {

	List<MunicipalNote> findByCaseIdOrderByWrittenAt(UUID caseId);

}
