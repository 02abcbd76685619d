package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.AgendaCandidate;
import dk.coordination.casework.AgendaReason;
import dk.coordination.casework.CaseAgenda;
import dk.coordination.casework.CaseBrief;

/**
 * Agenda questions answered in SQL: one query finds every case with any reason to be
 * discussed, so drafting an agenda for a unit with thousands of cases stays one round
 * trip.
 */
@Component
@Transactional(readOnly = true)
class CaseAgendaQueries implements CaseAgenda {

	private final JdbcClient jdbc;

	CaseAgendaQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<AgendaCandidate> candidatesFor(String unitCode, LocalDate meetingDate) {
		return this.jdbc.sql("""
				select id, case_number, awaiting, follow_up, overdue, new_information, review from (
				  select c.id, c.case_number, c.created_at,
				         c.status = 'AWAITING_MEETING' as awaiting,
				         (c.status in ('ACTIVE', 'MONITORING') and c.follow_up_date <= :meeting) as follow_up,
				         (c.status <> 'CLOSED' and exists (select 1 from case_task t where t.case_id = c.id
				                 and t.state in ('PLANNED', 'IN_PROGRESS') and t.due_date < :meeting)) as overdue,
				         (c.status <> 'CLOSED' and c.new_information) as new_information,
				         (c.status = 'CLOSED' and exists (select 1 from case_review r where r.case_id = c.id
				                 and r.state = 'PENDING' and r.due_date <= :meeting)) as review
				  from concern_case c
				  where c.unit_code = :unit) candidates
				where awaiting or follow_up or overdue or new_information or review
				order by created_at, id
				""").param("unit", unitCode).param("meeting", meetingDate).query((rs, row) -> {
			List<AgendaReason> reasons = new ArrayList<>();
			if (rs.getBoolean("awaiting")) {
				reasons.add(AgendaReason.AWAITING_MEETING);
			}
			if (rs.getBoolean("follow_up")) {
				reasons.add(AgendaReason.FOLLOW_UP_DUE);
			}
			if (rs.getBoolean("overdue")) {
				reasons.add(AgendaReason.OVERDUE_TASKS);
			}
			if (rs.getBoolean("new_information")) {
				reasons.add(AgendaReason.NEW_INFORMATION);
			}
			if (rs.getBoolean("review")) {
				reasons.add(AgendaReason.REVIEW_DUE);
			}
			return new AgendaCandidate(rs.getObject("id", UUID.class), rs.getString("case_number"), reasons);
		}).list();
	}

	@Override
	public Map<UUID, CaseBrief> briefs(Collection<UUID> caseIds) {
		if (caseIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Set<String>> participants = new HashMap<>();
		this.jdbc.sql("select case_id, organisation from case_participant where case_id in (:ids) and ended_at is null")
			.param("ids", caseIds)
			.query((rs) -> {
				participants.computeIfAbsent(rs.getObject("case_id", UUID.class), (id) -> new HashSet<>())
					.add(rs.getString("organisation"));
			});
		Map<UUID, CaseBrief> briefs = new HashMap<>();
		this.jdbc.sql(
				"select id, unit_code, case_number, subject_name, subject_cpr_hash from concern_case where id in (:ids)")
			.param("ids", caseIds)
			.query((rs) -> {
				UUID id = rs.getObject("id", UUID.class);
				briefs.put(id,
						new CaseBrief(id, rs.getString("unit_code"), rs.getString("case_number"),
								initials(rs.getString("subject_name")),
								Set.copyOf(participants.getOrDefault(id, Set.of())), rs.getString("subject_cpr_hash")));
			});
		return briefs;
	}

	/** "Mikkel Eksempelsen" → "M.E."; enough to tell cases apart in the room, no more. */
	static String initials(String name) {
		StringBuilder initials = new StringBuilder();
		for (String part : name.strip().split("[\\s-]+")) {
			if (!part.isEmpty()) {
				initials.appendCodePoint(Character.toUpperCase(part.codePointAt(0))).append('.');
			}
		}
		return initials.toString();
	}

}
