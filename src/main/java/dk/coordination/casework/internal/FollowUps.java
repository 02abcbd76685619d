package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;

/**
 * The secretariat's follow-up list: what is due today in the units where the caller is
 * secretariat. What counts as due is the {@code due_work} view, the same rule the daily
 * job counts and the agenda proposal drafts from.
 */
@Service
@Transactional
class FollowUps {

	/**
	 * The kind of an item that is a task past its due date (the start page's own panel).
	 */
	static final String OVERDUE_TASK = "OVERDUE_TASK";

	private final CoordinationUnits units;

	private final JdbcClient jdbc;

	private final CaseReads reads;

	private final Clock clock;

	FollowUps(CoordinationUnits units, JdbcClient jdbc, CaseReads reads, Clock clock) {
		this.units = units;
		this.jdbc = jdbc;
		this.reads = reads;
		this.clock = clock;
	}

	/**
	 * Urgent concerns first, then the oldest due date, then the case number. Task
	 * descriptions are free text about the person, so each case on the list is a logged
	 * read.
	 */
	List<Item> dueToday(CurrentUser user, String purpose) {
		Set<String> unitCodes = this.units.secretariatUnits(user);
		if (unitCodes.isEmpty()) {
			throw CaseAccess.forbidden("The follow-up list is the secretariat's.");
		}
		List<Row> rows = dueOn(unitCodes, LocalDate.now(this.clock.withZone(DanishTime.ZONE)));
		Map<UUID, String> cases = new LinkedHashMap<>();
		rows.forEach((row) -> cases.putIfAbsent(row.item().caseId(), row.subjectCprHash()));
		this.reads.followUps(cases, purpose);
		return rows.stream().map(Row::item).toList();
	}

	/** An item with the key the read log finds the person by. */
	record Row(Item item, String subjectCprHash) {
	}

	List<Row> dueOn(Set<String> unitCodes, LocalDate day) {
		// a task shows its own due date (the day before it became overdue), so the list
		// reads "due 3 March" rather than "overdue from 4 March"
		return this.jdbc.sql("""
				select d.kind, coalesce(t.due_date, d.due_on) as date, d.case_id, c.case_number, d.unit_code,
				       d.task_id, t.organisation, t.description, (u.case_id is not null) as urgent, c.subject_cpr_hash
				from due_work d
				join concern_case c on c.id = d.case_id
				left join case_task t on t.id = d.task_id
				left join urgent_case u on u.case_id = d.case_id
				where d.unit_code in (:units) and d.due_on <= :day
				order by urgent desc, date, c.case_number, d.kind, d.task_id
				""")
			.param("units", unitCodes)
			.param("day", day)
			.query((rs, row) -> new Row(new Item(rs.getString("kind"), rs.getObject("date", LocalDate.class),
					rs.getObject("case_id", UUID.class), rs.getString("case_number"), rs.getString("unit_code"),
					rs.getObject("task_id", UUID.class), rs.getString("organisation"), rs.getString("description"),
					rs.getBoolean("urgent")), rs.getString("subject_cpr_hash")))
			.list();
	}

	/**
	 * Something the secretariat should look at: an overdue task, a case whose follow-up
	 * date has come, or a closed case's due review. A task's description may say things
	 * about the person.
	 *
	 * @param kind {@code OVERDUE_TASK}, {@code CASE_FOLLOW_UP} or {@code REVIEW_DUE}
	 * @param urgent a submitter marked a concern on the case urgent
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(String kind, LocalDate date, UUID caseId, String caseNumber, String unit, UUID taskId,
			String organisation, String description, boolean urgent) {
	}

}
