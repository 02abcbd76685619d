package dk.coordination.retention.internal;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface LegalHoldRepository extends JpaRepository<LegalHold, UUID> {

}
