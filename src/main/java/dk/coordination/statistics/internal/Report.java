package dk.coordination.statistics.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one unit and period as {@code GET /api/statistics} returns them, after
 * suppression ({@link Suppression}). Every figure is an object with {@code value} and
 * {@code suppressed}: a suppressed figure has {@code "value": null, "suppressed": true}
 * (shown as "&lt;5" on the page, in the CSV and the PDF), a figure without data (a median
 * over no cases) {@code "value": null, "suppressed": false}. A number never changes type.
 *
 * @param from first day of the period (Danish time)
 * @param to last day of the period, included
 * @param suppressionThreshold counts from 1 to this minus one are suppressed
 */
record Report(Unit unit, LocalDate from, LocalDate to, int suppressionThreshold, Concerns concerns, Cases cases,
		TimeToFirstMeeting timeToFirstMeeting, Reviews reviews) {

	record Unit(String code, String name) {
	}

	/**
	 * A count, a number of days or a percentage.
	 *
	 * @param value the figure, or null when suppressed or when there is nothing to
	 * measure
	 * @param suppressed true when the figure is withheld
	 */
	record Figure(Number value, boolean suppressed) {

		static final Figure SUPPRESSED = new Figure(null, true);

		static final Figure NONE = new Figure(null, false);

	}

	/** One cell of a breakdown: its key (an enum name of the API) and its figure. */
	record Row(String key, Number value, boolean suppressed) {
	}

	/**
	 * Concerns (referrals) received in the period.
	 *
	 * @param byOrganisationType by the type of the submitting organisation
	 */
	record Concerns(Figure total, List<Row> byOrganisationType, List<Row> byCategory) {
	}

	/**
	 * Cases of the unit.
	 *
	 * @param opened opened in the period (by a concern about a person without an open
	 * case)
	 * @param closed cases closed in the period (a case closed twice counts once)
	 * @param closedByClosingReason by the reason of the case's last closing in the period
	 * @param reopened of the cases closed in the period, how many were reopened after
	 * that closing and before the period ended
	 */
	record Cases(Figure opened, Figure closed, List<Row> closedByClosingReason, Reopened reopened) {
	}

	/**
	 * @param percent reopened as a percentage of the cases closed in the period
	 */
	record Reopened(Figure reopened, Figure notReopened, Figure percent) {
	}

	/**
	 * Days from the concern that opened a case to its first meeting: the first held
	 * meeting with the case on its agenda, for the cases whose first meeting was in the
	 * period.
	 */
	record TimeToFirstMeeting(Figure cases, Figure medianDays, Figure percentile90Days) {
	}

	/**
	 * Reviews of closed cases due in the period (cancelled ones left out).
	 *
	 * @param onTime decided at most {@value StatisticsQueries#REVIEW_DAYS_ALLOWED} days
	 * after the due date
	 * @param late decided later than that
	 * @param notDone not decided yet
	 * @param onTimePercent on time as a percentage of those due
	 */
	record Reviews(Figure due, Figure onTime, Figure late, Figure notDone, Figure onTimePercent) {
	}

}
