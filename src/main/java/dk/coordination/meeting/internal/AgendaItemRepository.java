package dk.coordination.meeting.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AgendaItemRepository extends JpaRepository<AgendaItem, UUID> {

	List<AgendaItem> findByMeetingIdOrderByPosition(UUID meetingId);

	List<AgendaItem> findByCaseIdIn(Collection<UUID> caseIds);

}
