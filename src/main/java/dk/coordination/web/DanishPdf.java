package dk.coordination.web;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.List;

import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.pdf.draw.LineSeparator;

/**
 * An A4 document in the service's one printed style (the agenda, the citizen's insight,
 * the statistics report): Helvetica, Danish document language, and on every page the
 * confidentiality line and "Side X af Y". One builder, so every document the service
 * prints looks the same and handles text it cannot print the same way.
 * <p>
 * The standard Helvetica with WinAnsi (Cp1252) encoding covers Danish and most Western
 * European text without embedding a font file, and every PDF reader has it; see
 * {@link #printable(String)} for the rest.
 * <p>
 * Not thread-safe; build one document per request:
 *
 * <pre>
 * byte[] pdf = DanishPdf.a4("Indsigt").heading("Indsigt").paragraph("…").table(headers, rows).toBytes();
 * </pre>
 */
public final class DanishPdf {

	/** The line printed at the foot of every page. */
	public static final String CONFIDENTIAL = "Fortroligt – må ikke videregives";

	/** Grey for secondary text and rules. */
	public static final Color GREY = new Color(90, 90, 90);

	private static final Color HEADER_FILL = new Color(232, 232, 232);

	private static final float MARGIN = 56.7f;

	private static final float FOOTER_SPACE = 70f;

	private static final BaseFont REGULAR = font(BaseFont.HELVETICA);

	private static final BaseFont BOLD = font(BaseFont.HELVETICA_BOLD);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);

	private final Document document;

	private DanishPdf(String title, String footerLine) {
		this.document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, FOOTER_SPACE);
		PdfWriter writer = PdfWriter.getInstance(this.document, this.out);
		writer.setPageEvent(new Footer(printable(footerLine)));
		this.document.addTitle(printable(title));
		this.document.open();
		// Document.setDocumentLanguage reaches only tagged PDFs; the catalog's /Lang is
		// what a screen reader uses to pick its Danish voice
		writer.getExtraCatalog().put(PdfName.LANG, new PdfString("da-DK"));
	}

	/**
	 * A new document marked confidential on every page.
	 * @param title the document's title in its properties (what a PDF reader shows in its
	 * title bar); print a heading with {@link #heading(String)}
	 */
	public static DanishPdf a4(String title) {
		return new DanishPdf(title, CONFIDENTIAL);
	}

	/** The document's main heading. */
	public DanishPdf heading(String text) {
		Paragraph heading = new Paragraph(printable(text), bold(22));
		heading.setSpacingAfter(6);
		return add(heading);
	}

	/** A section heading. */
	public DanishPdf subheading(String text) {
		Paragraph heading = new Paragraph(printable(text), bold(14));
		heading.setSpacingBefore(12);
		heading.setSpacingAfter(4);
		return add(heading);
	}

	public DanishPdf paragraph(String text) {
		Paragraph paragraph = new Paragraph(15, printable(text), regular(11));
		paragraph.setSpacingAfter(6);
		return add(paragraph);
	}

	/**
	 * Small grey italic text: a note, how a figure was made, when the document was made.
	 */
	public DanishPdf muted(String text) {
		Paragraph muted = new Paragraph(printable(text), new Font(REGULAR, 9, Font.ITALIC, GREY));
		muted.setSpacingAfter(4);
		return add(muted);
	}

	/** "Label: value" on one line, the label bold. */
	public DanishPdf field(String label, String value) {
		Paragraph field = new Paragraph();
		field.setLeading(15);
		field.add(new Chunk(printable(label) + ": ", bold(11)));
		field.add(new Chunk(printable(value), regular(11)));
		return add(field);
	}

	/** A thin grey line across the page. */
	public DanishPdf rule() {
		Paragraph rule = new Paragraph(new Chunk(new LineSeparator(0.5f, 100, GREY, Element.ALIGN_CENTER, -4)));
		rule.setSpacingAfter(12);
		return add(rule);
	}

	/**
	 * A table across the page, its header row repeated on every page it runs over. A
	 * column whose header is empty in every row but text is left-aligned; cells that look
	 * like figures (digits, "<5", "–") are right-aligned so columns of numbers line up.
	 */
	public DanishPdf table(List<String> headers, List<List<String>> rows) {
		PdfPTable table = new PdfPTable(headers.size());
		table.setWidthPercentage(100);
		table.setSpacingBefore(4);
		table.setSpacingAfter(10);
		table.setHeaderRows(1);
		for (String header : headers) {
			PdfPCell cell = cell(header, bold(10));
			cell.setBackgroundColor(HEADER_FILL);
			table.addCell(cell);
		}
		for (List<String> row : rows) {
			for (int column = 0; column < headers.size(); column++) {
				String value = (column < row.size() && row.get(column) != null) ? row.get(column) : "";
				PdfPCell cell = cell(value, regular(10));
				if (column > 0 && looksLikeFigure(value)) {
					cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
				}
				table.addCell(cell);
			}
		}
		return add(table);
	}

	/** Anything else OpenPDF can print, for a document with its own elements. */
	public DanishPdf add(Element element) {
		this.document.add(element);
		return this;
	}

	/** Closes the document; the builder cannot be used afterwards. */
	public byte[] toBytes() {
		this.document.close();
		return this.out.toByteArray();
	}

	public static Font regular(float size) {
		return new Font(REGULAR, size);
	}

	public static Font bold(float size) {
		return new Font(BOLD, size);
	}

	/**
	 * The text as the PDF can print it. WinAnsi has no glyphs for e.g. Turkish or Polish
	 * letters, and OpenPDF silently drops what it cannot encode. An accented letter is
	 * printed without its accent instead, so a name stays recognisable; anything else
	 * becomes "?", so the loss is visible on paper rather than hidden.
	 */
	public static String printable(String text) {
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

	private static PdfPCell cell(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(printable(text), font));
		cell.setPadding(4);
		cell.setBorderColor(GREY);
		cell.setBorderWidth(0.5f);
		return cell;
	}

	private static boolean looksLikeFigure(String value) {
		return value.matches("[<>≥≤]?\\s*[0-9][0-9.,]*\\s*%?( dage)?|–|-|<5");
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

		private final String line;

		private PdfTemplate total;

		Footer(String line) {
			this.line = line;
		}

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
			ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(this.line, font), document.left(), y, 0);
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
