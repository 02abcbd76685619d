package dk.coordination.statistics.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import dk.coordination.web.DanishFormat;
import dk.coordination.web.DanishPdf;

/**
 * The report as a printable A4 PDF in the service's printed style: the same tables as the
 * page and the CSV, with their notes and the suppression rule.
 */
@Component
class StatisticsPdf {

	private final ReportTables tables;

	private final DanishFormat format;

	private final Clock clock;

	StatisticsPdf(ReportTables tables, DanishFormat format, Clock clock) {
		this.tables = tables;
		this.format = format;
		this.clock = clock;
	}

	byte[] render(Report report) {
		String title = this.tables.text("statistik.pdf.title", report.unit().name());
		DanishPdf pdf = DanishPdf.a4(title)
			.heading(title)
			.paragraph(this.tables.text("statistik.report.period", this.format.date(report.from()),
					this.format.date(report.to())))
			.muted(this.tables.text("statistik.report.suppression"))
			.muted(this.tables.text("statistik.report.generated", this.format.dateTime(this.clock.instant())));
		for (ReportTables.Table table : this.tables.of(report)) {
			pdf.subheading(table.caption());
			if (table.note() != null) {
				pdf.muted(table.note());
			}
			pdf.table(List.of(this.tables.text("statistik.column.label"), table.valueHeading()),
					table.lines().stream().map((line) -> List.of(line.label(), line.shown())).toList());
		}
		return pdf.toBytes();
	}

}
