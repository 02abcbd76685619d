package dk.coordination.meeting.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.pdf.draw.LineSeparator;
import org.springframework.stereotype.Component;

import dk.coordination.web.DanishTime;

/**
 * Prints an agenda as an A4 PDF laid out like a Danish municipality's dagsorden. Uses the
 * standard Helvetica with WinAnsi (Cp1252) encoding: it covers Danish and most Western
 * European text without embedding a font file, and every PDF reader has it.
 */
@Component
class AgendaPdfRenderer {

	private static final Locale DANISH = Locale.of("da", "DK");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE 'den' d. MMMM yyyy", DANISH);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", DANISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH.mm", DANISH);

	private static final String CONFIDENTIAL = "Fortroligt – må ikke videregives";

	private static final float MARGIN = 56.7f;

	private static final float FOOTER_SPACE = 70f;

	private static final float DETAIL_INDENT = 18f;

	private static final BaseFont REGULAR = font(BaseFont.HELVETICA);

	private static final BaseFont BOLD = font(BaseFont.HELVETICA_BOLD);

	private static final Color GREY = new Color(90, 90, 90);

	byte[] render(AgendaDocument agenda) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
		Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, FOOTER_SPACE);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		writer.setPageEvent(new Footer());
		document.addTitle(printable("Dagsorden – " + agenda.unitName()));
		document.setDocumentLanguage("da-DK");
		document.open();
		header(document, agenda);
		if (agenda.items().isEmpty()) {
			document.add(new Paragraph(printable("Ingen punkter på dagsordenen."), new Font(REGULAR, 11)));
		}
		for (AgendaDocument.Item item : agenda.items()) {
			document.add(item(item));
		}
		document.close();
		return out.toByteArray();
	}

	private void header(Document document, AgendaDocument agenda) {
		Paragraph title = new Paragraph("Dagsorden", new Font(BOLD, 22));
		title.setSpacingAfter(2);
		document.add(title);
		Paragraph unit = new Paragraph(printable(agenda.unitName()), new Font(REGULAR, 13));
		unit.setSpacingAfter(14);
		document.add(unit);
		document.add(field("Tidspunkt", when(agenda.startsAt(), agenda.endsAt())));
		document.add(field("Sted", (agenda.location() != null) ? agenda.location() : "Ikke fastsat"));
		document.add(field("Inviterede", agenda.invited().isEmpty() ? "Ingen" : String.join(", ", agenda.invited())));
		Paragraph version = new Paragraph(printable(version(agenda)), new Font(REGULAR, 9, Font.ITALIC, GREY));
		version.setSpacingBefore(4);
		document.add(version);
		Paragraph rule = new Paragraph(new Chunk(new LineSeparator(0.5f, 100, GREY, Element.ALIGN_CENTER, -4)));
		rule.setSpacingAfter(12);
		document.add(rule);
	}

	private Paragraph field(String label, String value) {
		Paragraph field = new Paragraph();
		field.setLeading(15);
		field.add(new Chunk(label + ": ", new Font(BOLD, 11)));
		field.add(new Chunk(printable(value), new Font(REGULAR, 11)));
		return field;
	}

	private PdfPTable item(AgendaDocument.Item item) {
		// a borderless one-row table, because a row that does not fit moves whole to the
		// next page (and only splits when longer than a page): no item's heading is left
		// at the foot of one page with its details on the next. Paragraph's own
		// keepTogether would lose the indentation and spacing.
		PdfPCell cell = new PdfPCell();
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setPadding(0);
		Paragraph heading = new Paragraph(16, printable(item.number() + ". " + item.title()), new Font(BOLD, 12));
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
		Paragraph detail = new Paragraph(15, printable(line), new Font(REGULAR, 11));
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

	/**
	 * WinAnsi has no glyphs for e.g. Turkish or Polish letters, and OpenPDF silently
	 * drops what it cannot encode. An accented letter is printed without its accent
	 * instead, so a name stays recognisable; anything else becomes "?", so the loss is
	 * visible on paper rather than hidden.
	 */
	private static String printable(String text) {
		CharsetEncoder winAnsi = Charset.forName("windows-1252").newEncoder();
		if (winAnsi.canEncode(text)) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			String character = Character.toString(codePoint);
			if (winAnsi.canEncode(character)) {
				result.append(character);
				return;
			}
			String base = Normalizer.normalize(character, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
			result.append((!base.isEmpty() && winAnsi.canEncode(base)) ? base : "?");
		});
		return result.toString();
	}

	private static BaseFont font(String name) {
		try {
			return BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes "Side X af Y" and the confidentiality line at the foot of every page. The
	 * page count is unknown until the document closes, so Y is a template filled in last.
	 */
	private static final class Footer extends PdfPageEventHelper {

		private static final float SIZE = 8.5f;

		private PdfTemplate total;

		@Override
		public void onOpenDocument(PdfWriter writer, Document document) {
			this.total = writer.getDirectContent().createTemplate(40, 12);
		}

		@Override
		public void onEndPage(PdfWriter writer, Document document) {
			PdfContentByte canvas = writer.getDirectContent();
			canvas.saveState();
			float y = document.bottomMargin() - 30;
			canvas.setColorStroke(GREY);
			canvas.setLineWidth(0.5f);
			canvas.moveTo(document.left(), y + 14);
			canvas.lineTo(document.right(), y + 14);
			canvas.stroke();
			Font font = new Font(REGULAR, SIZE, Font.NORMAL, GREY);
			ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(CONFIDENTIAL, font), document.left(), y,
					0);
			String page = "Side " + writer.getPageNumber() + " af ";
			float x = document.right() - 20 - REGULAR.getWidthPoint(page, SIZE);
			ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(page, font), x, y, 0);
			canvas.addTemplate(this.total, x + REGULAR.getWidthPoint(page, SIZE), y);
			canvas.restoreState();
		}

		@Override
		public void onCloseDocument(PdfWriter writer, Document document) {
			// by now the writer has moved past the last page
			String pages = String.valueOf(writer.getPageNumber() - 1);
			this.total.beginText();
			this.total.setFontAndSize(REGULAR, SIZE);
			this.total.setColorFill(GREY);
			this.total.setTextMatrix(0, 0);
			this.total.showText(pages);
			this.total.endText();
		}

	}

}
