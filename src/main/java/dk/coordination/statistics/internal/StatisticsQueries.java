package dk.coordination.statistics.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.organisation.OrganisationType;
import dk.coordination.web.DanishTime;

/**
 * The reporting read model: SQL over the tables of casework ({@code concern_case} and its
 * Envers history {@code concern_case_aud}, {@code referral}, {@code case_review}) and
 * meeting ({@code meeting}, {@code agenda_item}), read-only and aggregated in the
 * database, so no row about a person reaches this module (decision record in
 * docs/decisions.md). Periods are Danish calendar days: from the start of {@code from} to
 * the end of {@code to} in Europe/Copenhagen.
 */
@Component
class StatisticsQueries {

	/** A review is on time when decided at most this many days after its due date. */
	static final int REVIEW_DAYS_ALLOWED = 30;

	private final JdbcClient jdbc;

	StatisticsQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** All figures of one unit and period, read in one snapshot. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Counts count(String unit, LocalDate from, LocalDate to) {
		OffsetDateTime start = startOf(from);
		OffsetDateTime end = startOf(to.plusDays(1));
		Map<OrganisationType, Long> byType = zeros(OrganisationType.class);
		Map<ConcernCategory, Long> byCategory = zeros(ConcernCategory.class);
		this.jdbc.sql("""
				select o.type, r.category, count(*) as n
				from referral r
				join concern_case c on c.id = r.case_id
				join organisation o on o.code = r.submitted_by_org
				where c.unit_code = :unit and r.submitted_at >= :start and r.submitted_at < :end
				group by o.type, r.category
				""").param("unit", unit).param("start", start).param("end", end).query((ResultSet row) -> {
			long n = row.getLong("n");
			byType.merge(OrganisationType.valueOf(row.getString("type")), n, Long::sum);
			byCategory.merge(ConcernCategory.valueOf(row.getString("category")), n, Long::sum);
		});
		long opened = this.jdbc.sql("""
				select count(*) from concern_case
				where unit_code = :unit and created_at >= :start and created_at < :end
				""").param("unit", unit).param("start", start).param("end", end).query(Long.class).single();
		Map<ClosingReason, Long> closedByReason = zeros(ClosingReason.class);
		long[] reopened = { 0 };
		// a status change is a revision of the case in its Envers history; a closing is a
		// revision into CLOSED from anything else, a reopening one out of CLOSED. Joined
		// by aggregate, not with a correlated EXISTS on the history, which is quadratic
		// (StatisticsBenchmark: minutes for 50,000 cases)
		this.jdbc.sql("""
				with history as (
				    select a.id as case_id, a.status, a.closing_reason, r.revision_time as at,
				           lag(a.status) over (partition by a.id order by a.rev) as previous
				    from concern_case_aud a
				    join audit_revision r on r.id = a.rev
				    where a.unit_code = :unit and a.revtype in (0, 1) and r.revision_time < :end
				),
				closings as (
				    select case_id, closing_reason, at,
				           min(at) over (partition by case_id) as first_closed,
				           row_number() over (partition by case_id order by at desc) as newest
				    from history
				    where status = 'CLOSED' and previous is distinct from 'CLOSED' and at >= :start
				),
				reopenings as (
				    select case_id, max(at) as last_reopened
				    from history
				    where previous = 'CLOSED' and status <> 'CLOSED'
				    group by case_id
				)
				select coalesce(c.closing_reason, 'OTHER') as closing_reason, count(*) as closed,
				       count(*) filter (where o.last_reopened > c.first_closed) as reopened
				from closings c
				left join reopenings o on o.case_id = c.case_id
				where c.newest = 1
				group by 1
				""").param("unit", unit).param("start", start).param("end", end).query((ResultSet row) -> {
			closedByReason.merge(ClosingReason.valueOf(row.getString("closing_reason")), row.getLong("closed"),
					Long::sum);
			reopened[0] += row.getLong("reopened");
		});
		TimeToMeeting waiting = this.jdbc.sql("""
				with first_meeting as (
				    select a.case_id, min(m.starts_at) as first_at
				    from agenda_item a
				    join meeting m on m.id = a.meeting_id
				    where m.unit_code = :unit and m.state = 'HELD' and a.case_id is not null
				    group by a.case_id
				)
				select count(*) as cases,
				       percentile_cont(0.5) within group (order by days) as median,
				       percentile_cont(0.9) within group (order by days) as p90
				from (
				    select (f.first_at at time zone :zone)::date - (c.created_at at time zone :zone)::date as days
				    from first_meeting f
				    join concern_case c on c.id = f.case_id
				    where f.first_at >= :start and f.first_at < :end
				) waited
				""")
			.param("unit", unit)
			.param("start", start)
			.param("end", end)
			.param("zone", DanishTime.ZONE.getId())
			.query((row, n) -> new TimeToMeeting(row.getLong("cases"), doubleOrNull(row, "median"),
					doubleOrNull(row, "p90")))
			.single();
		Reviewed reviews = this.jdbc
			.sql("""
					select count(*) filter (where r.decided_at is not null
					                          and (r.decided_at at time zone :zone)::date <= r.due_date + :allowed) as on_time,
					       count(*) filter (where r.decided_at is not null
					                          and (r.decided_at at time zone :zone)::date > r.due_date + :allowed) as late,
					       count(*) filter (where r.state = 'PENDING') as not_done
					from case_review r
					join concern_case c on c.id = r.case_id
					where c.unit_code = :unit and r.due_date between :from and :to and r.state <> 'CANCELLED'
					""")
			.param("unit", unit)
			.param("from", from)
			.param("to", to)
			.param("zone", DanishTime.ZONE.getId())
			.param("allowed", REVIEW_DAYS_ALLOWED)
			.query((row, n) -> new Reviewed(row.getLong("on_time"), row.getLong("late"), row.getLong("not_done")))
			.single();
		return new Counts(byType, byCategory, opened, closedByReason, reopened[0], waiting, reviews);
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(DanishTime.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
		Map<E, Long> zeros = new EnumMap<>(type);
		for (E value : type.getEnumConstants()) {
			zeros.put(value, 0L);
		}
		return zeros;
	}

	private static Double doubleOrNull(ResultSet row, String column) throws SQLException {
		double value = row.getDouble(column);
		return row.wasNull() ? null : value;
	}

	/**
	 * The counts before suppression; they never leave the module.
	 *
	 * @param reopened cases closed in the period and reopened after their first closing
	 * in it, before the period ended
	 */
	record Counts(Map<OrganisationType, Long> concernsByOrganisationType, Map<ConcernCategory, Long> concernsByCategory,
			long opened, Map<ClosingReason, Long> closedByReason, long reopened, TimeToMeeting timeToFirstMeeting,
			Reviewed reviews) {
	}

	/**
	 * @param cases cases whose first meeting was in the period
	 */
	record TimeToMeeting(long cases, Double medianDays, Double percentile90Days) {
	}

	record Reviewed(long onTime, long late, long notDone) {
	}

}
