package dk.coordination.meeting.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.springframework.stereotype.Component;

import dk.coordination.web.DanishPdf;
import dk.coordination.web.DanishTime;

/**
 * Prints an agenda as an A4 PDF laid out like a Danish municipality's dagsorden, in the
 * service's printed style ({@link DanishPdf}).
 */
@Component
class AgendaPdfRenderer {

	private static final Locale DANISH = Locale.of("da", "DK");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE 'den' d. MMMM yyyy", DANISH);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", DANISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH.mm", DANISH);

	private static final float DETAIL_INDENT = 18f;

	byte[] render(AgendaDocument agenda) {
		DanishPdf pdf = DanishPdf.a4("Dagsorden – " + agenda.unitName());
		header(pdf, agenda);
		if (agenda.items().isEmpty()) {
			pdf.paragraph("Ingen punkter på dagsordenen.");
		}
		for (AgendaDocument.Item item : agenda.items()) {
			pdf.add(item(item));
		}
		return pdf.toBytes();
	}

	private void header(DanishPdf pdf, AgendaDocument agenda) {
		Paragraph title = new Paragraph("Dagsorden", DanishPdf.bold(22));
		title.setSpacingAfter(2);
		pdf.add(title);
		Paragraph unit = new Paragraph(DanishPdf.printable(agenda.unitName()), DanishPdf.regular(13));
		unit.setSpacingAfter(14);
		pdf.add(unit);
		pdf.field("Tidspunkt", when(agenda.startsAt(), agenda.endsAt()));
		pdf.field("Sted", (agenda.location() != null) ? agenda.location() : "Ikke fastsat");
		pdf.field("Inviterede", agenda.invited().isEmpty() ? "Ingen" : String.join(", ", agenda.invited()));
		pdf.muted(version(agenda));
		pdf.rule();
	}

	private PdfPTable item(AgendaDocument.Item item) {
		// a borderless one-row table, because a row that does not fit moves whole to the
		// next page (and only splits when longer than a page): no item's heading is left
		// at the foot of one page with its details on the next. Paragraph's own
		// keepTogether would lose the indentation and spacing.
		PdfPCell cell = new PdfPCell();
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setPadding(0);
		Paragraph heading = new Paragraph(16, DanishPdf.printable(item.number() + ". " + item.title()),
				DanishPdf.bold(12));
		// a wrapped heading hangs under the title, not under the number
		heading.setIndentationLeft(DETAIL_INDENT);
		heading.setFirstLineIndent(-DETAIL_INDENT);
		cell.addElement(heading);
		if (item.caseNumber() != null) {
			cell.addElement(detail("Sag: " + item.caseNumber()));
		}
		if (item.subjectInitials() != null) {
			cell.addElement(detail("Borger: " + item.subjectInitials()));
		}
		cell.addElement(detail("Begrundelse: " + item.reason()));
		PdfPTable table = new PdfPTable(1);
		table.setWidthPercentage(100);
		table.setSpacingAfter(9);
		table.addCell(cell);
		return table;
	}

	private Paragraph detail(String line) {
		Paragraph detail = new Paragraph(15, DanishPdf.printable(line), DanishPdf.regular(11));
		detail.setIndentationLeft(DETAIL_INDENT);
		return detail;
	}

	private static String when(ZonedDateTime start, ZonedDateTime end) {
		String from = start.format(DAY) + " kl. " + start.format(TIME);
		if (start.toLocalDate().equals(end.toLocalDate())) {
			return from + "–" + end.format(TIME);
		}
		return from + " – " + end.format(DAY) + " kl. " + end.format(TIME);
	}

	private static String version(AgendaDocument agenda) {
		if (agenda.version() == 0) {
			return "Udkast (ikke offentliggjort)";
		}
		String version = "Version " + agenda.version();
		Instant published = agenda.publishedAt();
		if (published == null) {
			return version;
		}
		ZonedDateTime at = published.atZone(DanishTime.ZONE);
		return version + ", offentliggjort " + at.format(DATE) + " kl. " + at.format(TIME);
	}

}
