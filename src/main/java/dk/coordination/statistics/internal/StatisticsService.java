package dk.coordination.statistics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationType;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;
import dk.coordination.statistics.internal.Report.Figure;
import dk.coordination.statistics.internal.ReportRequest.Invalid;
import dk.coordination.statistics.internal.StatisticsQueries.Counts;
import dk.coordination.statistics.internal.Suppression.Table;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;

/**
 * The one way to a report, for the API, the page, the CSV and the PDF alike: checks the
 * request, who may see the unit's figures (its secretariat and administrators), counts
 * and suppresses. Nothing here is personal data, so nothing is written to the access log.
 */
@Service
class StatisticsService {

	private final CoordinationUnits units;

	private final StatisticsQueries queries;

	StatisticsService(CoordinationUnits units, StatisticsQueries queries) {
		this.units = units;
		this.queries = queries;
	}

	/**
	 * The report as typed into the API: the first problem with the request is a 400
	 * naming its parameter.
	 */
	Report report(CurrentUser user, String unit, String from, String to) {
		ReportRequest.Checked checked = ReportRequest.check(unit, from, to);
		if (!checked.problems().isEmpty()) {
			Invalid first = checked.problems().get(0);
			throw new InvalidFieldException(first.field(), first.message());
		}
		return report(user, checked.request());
	}

	/**
	 * The report of a checked request: 404 for a unit that does not exist, 403 for anyone
	 * but its secretariat and administrators (units are no secret: every submitter
	 * chooses among them).
	 */
	Report report(CurrentUser user, ReportRequest request) {
		UnitDetails unit = this.units.find(request.unit())
			.orElseThrow(() -> Problems.notFound("There is no coordination unit " + request.unit() + "."));
		if (!maySee(user, unit.code())) {
			throw Problems.of(HttpStatus.FORBIDDEN,
					"The statistics of unit " + unit.code() + " are for its secretariat and for administrators.");
		}
		Counts counts = this.queries.count(unit.code(), request.from(), request.to());
		return suppressed(new Report.Unit(unit.code(), unit.name()), request, counts);
	}

	/** The units whose statistics the user may see: all for an administrator. */
	List<UnitDetails> unitsFor(CurrentUser user) {
		return this.units.all().stream().filter((unit) -> maySee(user, unit.code())).toList();
	}

	private boolean maySee(CurrentUser user, String unitCode) {
		return user.hasRole(Role.ADMIN)
				|| (user.hasRole(Role.SECRETARIAT_STAFF) && this.units.actsAsSecretariat(user, unitCode));
	}

	static Report suppressed(Report.Unit unit, ReportRequest request, Counts counts) {
		Table<OrganisationType> byType = Suppression.table(counts.concernsByOrganisationType());
		Table<ConcernCategory> byCategory = Suppression.table(counts.concernsByCategory());
		Table<ClosingReason> closed = Suppression.table(counts.closedByReason());
		Map<String, Long> reopenedCells = new LinkedHashMap<>();
		reopenedCells.put("reopened", counts.reopened());
		reopenedCells.put("notReopened", closed.totalValue() - counts.reopened());
		Table<String> reopened = Suppression.table(reopenedCells);
		StatisticsQueries.Reviewed reviews = counts.reviews();
		Map<String, Long> reviewCells = new LinkedHashMap<>();
		reviewCells.put("onTime", reviews.onTime());
		reviewCells.put("late", reviews.late());
		reviewCells.put("notDone", reviews.notDone());
		Table<String> reviewed = Suppression.table(reviewCells);
		StatisticsQueries.TimeToMeeting waiting = counts.timeToFirstMeeting();
		return new Report(unit, request.from(), request.to(), Suppression.THRESHOLD,
				new Report.Concerns(byType.total(), byType.rows(), byCategory.rows()),
				new Report.Cases(Suppression.count(counts.opened()), closed.total(), closed.rows(),
						new Report.Reopened(reopened.cell("reopened"), reopened.cell("notReopened"),
								Suppression.percent(reopened.cell("reopened"), counts.reopened(),
										closed.totalValue()))),
				new Report.TimeToFirstMeeting(Suppression.count(waiting.cases()),
						Suppression.measure(waiting.cases(), waiting.medianDays()),
						Suppression.measure(waiting.cases(), waiting.percentile90Days())),
				new Report.Reviews(reviewed.total(), reviewed.cell("onTime"), reviewed.cell("late"),
						reviewed.cell("notDone"),
						Suppression.percent(reviewed.cell("onTime"), reviews.onTime(), reviewed.totalValue())));
	}

}
