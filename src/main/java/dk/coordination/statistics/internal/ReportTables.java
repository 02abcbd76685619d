package dk.coordination.statistics.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dk.coordination.statistics.internal.Report.Figure;
import dk.coordination.statistics.internal.Report.Row;
import dk.coordination.web.DanishFormat;

/**
 * A report as the Danish tables that the page, the CSV and the PDF all show, so the three
 * cannot disagree: the same rows, labels and "&lt;5".
 */
@Component
class ReportTables {

	private final MessageSource messages;

	ReportTables(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * One table of the report.
	 *
	 * @param id the table's id on the page (and its chart's)
	 * @param note what the figures count, or null
	 * @param valueHeading the heading of the figures' column
	 */
	record Table(String id, String caption, String note, String valueHeading, List<Line> lines) {

		/** The lines the table's chart shows. */
		public List<Line> charted() {
			return this.lines.stream().filter(Line::charted).toList();
		}

	}

	/**
	 * One line of a table.
	 *
	 * @param shown the figure as written: a number, "&lt;5" or "–"
	 * @param value the number for a chart, or null when there is none to draw
	 * @param charted whether the table's chart has a bar for it (not totals, not
	 * percentages)
	 * @param total whether it is a total or a derived figure, set apart in the table
	 */
	record Line(String label, String shown, Number value, boolean charted, boolean total) {
	}

	List<Table> of(Report report) {
		List<Table> tables = new ArrayList<>();
		tables.add(breakdown("bekymringer-myndighed", "statistik.table.organisationType", null,
				"statistik.organisationType.", report.concerns().byOrganisationType(), report.concerns().total()));
		tables.add(breakdown("bekymringer-kategori", "statistik.table.category", null, "statistik.category.",
				report.concerns().byCategory(), report.concerns().total()));
		Report.Cases cases = report.cases();
		tables.add(new Table("sager", text("statistik.table.cases"), text("statistik.note.cases"),
				text("statistik.column.count"), List.of(line("statistik.row.opened", cases.opened(), true, false),
						line("statistik.row.closed", cases.closed(), true, false))));
		tables.add(breakdown("lukkeaarsager", "statistik.table.closingReason", "statistik.note.closingReason",
				"statistik.closingReason.", cases.closedByClosingReason(), cases.closed()));
		Report.Reopened reopened = cases.reopened();
		tables.add(new Table("genaabnet", text("statistik.table.reopened"), text("statistik.note.reopened"),
				text("statistik.column.value"),
				List.of(line("statistik.row.reopened", reopened.reopened(), true, false),
						line("statistik.row.notReopened", reopened.notReopened(), true, false),
						line("statistik.row.closedTotal", cases.closed(), false, true),
						percentLine("statistik.row.reopenedPercent", reopened.percent()))));
		Report.TimeToFirstMeeting waiting = report.timeToFirstMeeting();
		tables.add(new Table("foerste-moede", text("statistik.table.firstMeeting"), text("statistik.note.firstMeeting"),
				text("statistik.column.value"),
				List.of(line("statistik.row.firstMeetingCases", waiting.cases(), false, false),
						measureLine("statistik.row.medianDays", waiting.medianDays()),
						measureLine("statistik.row.percentile90Days", waiting.percentile90Days()))));
		Report.Reviews reviews = report.reviews();
		tables.add(new Table("gennemgange", text("statistik.table.reviews"),
				text("statistik.note.reviews", StatisticsQueries.REVIEW_DAYS_ALLOWED), text("statistik.column.value"),
				List.of(line("statistik.row.onTime", reviews.onTime(), true, false),
						line("statistik.row.late", reviews.late(), true, false),
						line("statistik.row.notDone", reviews.notDone(), true, false),
						line("statistik.row.due", reviews.due(), false, true),
						percentLine("statistik.row.onTimePercent", reviews.onTimePercent()))));
		return tables;
	}

	private Table breakdown(String id, String caption, String note, String labelPrefix, List<Row> rows, Figure total) {
		List<Line> lines = new ArrayList<>();
		for (Row row : rows) {
			Figure figure = new Figure(row.value(), row.suppressed());
			lines.add(new Line(text(labelPrefix + row.key()), shown(figure), row.value(), true, false));
		}
		lines.add(new Line(text("statistik.total"), shown(total), total.value(), false, true));
		return new Table(id, text(caption), (note != null) ? text(note) : null, text("statistik.column.count"), lines);
	}

	private Line line(String label, Figure figure, boolean charted, boolean total) {
		return new Line(text(label), shown(figure), figure.value(), charted, total);
	}

	/** A median or percentile in days, charted. */
	private Line measureLine(String label, Figure figure) {
		return new Line(text(label), shownMeasure(figure, false), figure.value(), true, false);
	}

	private Line percentLine(String label, Figure figure) {
		return new Line(text(label), shownMeasure(figure, true), figure.value(), false, true);
	}

	/** A count as the tables write it: "&lt;5" when suppressed, "–" without a value. */
	String shown(Figure figure) {
		if (figure.suppressed()) {
			return text("statistik.suppressed");
		}
		return (figure.value() != null) ? number(figure.value()) : text("statistik.none");
	}

	/**
	 * A percentage or a number of days: "skjult" when suppressed, since "&lt;5" would
	 * read as "less than 5 %" or "less than 5 days".
	 */
	private String shownMeasure(Figure figure, boolean percent) {
		if (figure.suppressed()) {
			return text("statistik.hidden");
		}
		if (figure.value() == null) {
			return text("statistik.none");
		}
		return percent ? text("statistik.percent", number(figure.value())) : number(figure.value());
	}

	/** Danish decimals ("6,5"), no thousands separator, so a spreadsheet reads it. */
	static String number(Number value) {
		if (value instanceof BigDecimal decimal) {
			DecimalFormat format = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(DanishFormat.LOCALE));
			return format.format(decimal);
		}
		return String.valueOf(value);
	}

	String text(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, DanishFormat.LOCALE);
	}

}
