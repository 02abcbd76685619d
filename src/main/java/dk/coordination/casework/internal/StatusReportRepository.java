package dk.coordination.casework.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface StatusReportRepository extends JpaRepository<StatusReport, UUID> {

	List<StatusReport> findByCaseIdOrderByReportedAtDesc(UUID caseId);

}
