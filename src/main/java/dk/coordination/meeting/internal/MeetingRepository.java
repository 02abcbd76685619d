package dk.coordination.meeting.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MeetingRepository extends JpaRepository<Meeting, UUID> {

	/**
	 * Meetings of a unit in a period that the caller may see: all as secretariat, else
	 * invited. The invitees and attendees come in the same statement: fetched per
	 * meeting, a year's list cost two statements per meeting
	 * (StatementCountIntegrationTests).
	 */
	@Query("""
			select distinct m from Meeting m
			left join fetch m.invited
			left join fetch m.attendees
			where m.unitCode = ?1 and m.startsAt >= ?2 and m.startsAt < ?3
			  and (?4 = true or ?5 member of m.invited)
			order by m.startsAt
			""")
	List<Meeting> findVisible(String unitCode, Instant from, Instant to, boolean secretariat, String organisation);

	/**
	 * Meetings from a time on, still to be held, of the units where the caller is
	 * secretariat or to which the caller's organisation is invited; soonest first.
	 */
	@Query("""
			select distinct m from Meeting m
			where m.startsAt >= ?1
			  and m.state in (dk.coordination.meeting.MeetingState.PLANNED,
			                  dk.coordination.meeting.MeetingState.AGENDA_PUBLISHED)
			  and (m.unitCode in ?2 or ?3 member of m.invited)
			order by m.startsAt
			""")
	List<Meeting> findComing(Instant from, Collection<String> secretariatUnits, String organisation, Limit limit);

}
