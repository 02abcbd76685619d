package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
		// that falls due is read from due_work, so the proposal cannot disagree with the
		// follow-up list and the daily job. The candidates are gathered from the three
		// ways a case qualifies, each found by its own index (V22), and only then joined
		// to their cases: asking of each of the unit's cases whether it qualifies read
		// all of a large unit's cases (1.8 s for KBH's 125,000 on the million-case set)
		return this.jdbc.sql("""
				with due as (
				    select d.case_id,
				           bool_or(d.kind = 'CASE_FOLLOW_UP') as follow_up,
				           bool_or(d.kind = 'OVERDUE_TASK') as overdue,
				           bool_or(d.kind = 'REVIEW_DUE') as review
				    from due_work d where d.unit_code = :unit and d.due_on <= :meeting
				    group by d.case_id
				), candidate as (
				    select case_id from due
				    union
				    select id from concern_case where unit_code = :unit and status = 'AWAITING_MEETING'
				    union
				    select id from concern_case where unit_code = :unit and new_information and status <> 'CLOSED'
				)
				select c.id, c.case_number,
				       c.status = 'AWAITING_MEETING' as awaiting,
				       coalesce(d.follow_up, false) as follow_up,
				       coalesce(d.overdue, false) as overdue,
				       (c.status <> 'CLOSED' and c.new_information) as new_information,
				       coalesce(d.review, false) as review,
				       exists (select 1 from urgent_case u where u.case_id = c.id) as urgent
				from candidate k
				join concern_case c on c.id = k.case_id
				left join due d on d.case_id = c.id
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
		// the active participants as an array of the case's row: one statement, where a
		// second query for them was one more on every agenda shown and proposed
		Map<UUID, CaseBrief> briefs = new HashMap<>();
		this.jdbc.sql("""
				select c.id, c.unit_code, c.case_number, c.subject_name, c.subject_cpr_hash, c.status,
				       exists (select 1 from urgent_case u where u.case_id = c.id) as urgent,
				       array(select p.organisation from case_participant p
				             where p.case_id = c.id and p.ended_at is null) as participants
				from concern_case c where c.id in (:ids)
				""").param("ids", caseIds).query((rs) -> {
			UUID id = rs.getObject("id", UUID.class);
			Set<String> participants = Set.of((String[]) rs.getArray("participants").getArray());
			briefs.put(id,
					new CaseBrief(id, rs.getString("unit_code"), rs.getString("case_number"),
							initials(rs.getString("subject_name")), participants, rs.getString("subject_cpr_hash"),
							rs.getBoolean("urgent"), CaseStatus.valueOf(rs.getString("status"))));
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
