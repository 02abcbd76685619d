package dk.coordination.statistics.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The report as CSV for a spreadsheet: Danish headings, one line per figure, the same
 * tables and "&lt;5" as the page. Semicolons and decimal commas, as a Danish spreadsheet
 * expects, and UTF-8 with a byte order mark, so it opens "æøå" correctly.
 */
@Component
class StatisticsCsv {

	private static final String BOM = "\uFEFF";

	private final ReportTables tables;

	StatisticsCsv(ReportTables tables) {
		this.tables = tables;
	}

	byte[] render(Report report) {
		StringBuilder csv = new StringBuilder(BOM);
		line(csv,
				List.of(this.tables.text("statistik.csv.unit"), this.tables.text("statistik.csv.from"),
						this.tables.text("statistik.csv.to"), this.tables.text("statistik.csv.table"),
						this.tables.text("statistik.csv.label"), this.tables.text("statistik.csv.value")));
		for (ReportTables.Table table : this.tables.of(report)) {
			for (ReportTables.Line row : table.lines()) {
				line(csv, List.of(report.unit().name(), report.from().toString(), report.to().toString(),
						table.caption(), row.label(), row.shown()));
			}
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void line(StringBuilder csv, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				csv.append(';');
			}
			csv.append(field(fields.get(i)));
		}
		csv.append("\r\n");
	}

	/** RFC 4180 quoting, for a field with a separator, a quote or a line break. */
	private static String field(String value) {
		if (value.contains(";") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}

}
