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
import dk.coordination.casework.CaseStatus;

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
		// AWAITING_MEETING and NEW_INFORMATION are about the case's state; everything
		// that
		// falls due is read from due_work, so the proposal cannot disagree with the
		// follow-up list and the daily job
		return this.jdbc.sql("""
				select c.id, c.case_number,
				       c.status = 'AWAITING_MEETING' as awaiting,
				       exists (select 1 from due_work d where d.case_id = c.id and d.kind = 'CASE_FOLLOW_UP'
				               and d.due_on <= :meeting) as follow_up,
				       exists (select 1 from due_work d where d.case_id = c.id and d.kind = 'OVERDUE_TASK'
				               and d.due_on <= :meeting) as overdue,
				       (c.status <> 'CLOSED' and c.new_information) as new_information,
				       exists (select 1 from due_work d where d.case_id = c.id and d.kind = 'REVIEW_DUE'
				               and d.due_on <= :meeting) as review,
				       exists (select 1 from urgent_case u where u.case_id = c.id) as urgent
				from concern_case c
				where c.unit_code = :unit
				  and (c.status = 'AWAITING_MEETING' or (c.status <> 'CLOSED' and c.new_information)
				       or c.id in (select d.case_id from due_work d where d.unit_code = :unit and d.due_on <= :meeting))
				order by urgent desc, c.created_at, c.id
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
			return new AgendaCandidate(rs.getObject("id", UUID.class), rs.getString("case_number"), reasons,
					rs.getBoolean("urgent"));
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
		this.jdbc.sql("""
				select c.id, c.unit_code, c.case_number, c.subject_name, c.subject_cpr_hash, c.status,
				       exists (select 1 from urgent_case u where u.case_id = c.id) as urgent
				from concern_case c where c.id in (:ids)
				""").param("ids", caseIds).query((rs) -> {
			UUID id = rs.getObject("id", UUID.class);
			briefs.put(id,
					new CaseBrief(id, rs.getString("unit_code"), rs.getString("case_number"),
							initials(rs.getString("subject_name")), Set.copyOf(participants.getOrDefault(id, Set.of())),
							rs.getString("subject_cpr_hash"), rs.getBoolean("urgent"),
							CaseStatus.valueOf(rs.getString("status"))));
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
