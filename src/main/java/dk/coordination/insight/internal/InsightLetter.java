package dk.coordination.insight.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import dk.coordination.web.DanishFormat;
import dk.coordination.web.DanishPdf;

/**
 * The answer to a request for insight as a letter the data-protection function can send:
 * in Danish, dates as Danish dates, legal bases in the words of the law. It prints
 * {@link Insight} as it is and leaves nothing out on its own; what is withheld (see
 * docs/data-protection.md) is the sender's decision. No employee is named: the answer
 * holds none. The CPR number shows masked, as on the page: the person knows it, and the
 * letter travels.
 */
final class InsightLetter {

	static final String TITLE = "Indsigt i dine personoplysninger";

	private InsightLetter() {
	}

	static byte[] pdf(Insight insight, String maskedCpr, Instant printedAt, DanishFormat danish) {
		DanishPdf pdf = DanishPdf.a4(TITLE)
			.heading(TITLE)
			.field("CPR-nummer", maskedCpr)
			.field("Udskrevet", danish.date(printedAt))
			.paragraph("Du har bedt om indsigt i de oplysninger, koordineringsenheden har registreret om dig "
					+ "(databeskyttelsesforordningens artikel 15). Her er oplysningerne, hvem de er videregivet til, "
					+ "på hvilket grundlag, hvornår og til hvilket formål, og hvornår hvilke myndigheder har slået "
					+ "dem op.");
		if (insight.cases().isEmpty()) {
			pdf.paragraph("Der er ikke registreret sager om dig.");
		}
		else {
			pdf.subheading("Oplysninger om dig")
				.field("Navn", String.join(", ", insight.person().names()))
				.field("Adresse",
						insight.person().addresses().isEmpty() ? "–" : String.join("; ", insight.person().addresses()));
		}
		for (Insight.Case held : insight.cases()) {
			caseSection(pdf, held, danish);
		}
		Table reads = reads(insight, danish);
		if (reads.rows().isEmpty()) {
			pdf.subheading(reads.title()).paragraph("Der er ikke logget opslag i dine personoplysninger.");
		}
		else {
			pdf.subheading(reads.title() + " (" + reads.rows().size() + ")").table(reads.headers(), reads.rows());
		}
		return pdf
			.muted("Oversigten viser myndigheden, ikke den enkelte medarbejder, der har registreret, videregivet "
					+ "eller slået oplysningerne op. Har du spørgsmål, kan du kontakte myndighedens "
					+ "databeskyttelsesrådgiver.")
			.toBytes();
	}

	/** The letter as a download, for the API and the page alike. */
	static ResponseEntity<byte[]> download(Insight insight, String maskedCpr, Instant printedAt, DanishFormat danish) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("indsigt.pdf").build().toString())
			.body(pdf(insight, maskedCpr, printedAt, danish));
	}

	private static void caseSection(DanishPdf pdf, Insight.Case held, DanishFormat danish) {
		pdf.rule()
			.subheading("Sag " + held.caseNumber() + " – " + held.unit().name())
			.field("Oprettet", danish.date(held.openedAt()))
			.field("Status", withReason(held.statusText(), held.closingReasonText()));
		for (Table table : tables(held, danish)) {
			pdf.subheading(table.title()).table(table.headers(), table.rows());
		}
	}

	/** A status as the letter and the page write it: with its closing reason, if any. */
	static String withReason(String statusText, String closingReasonText) {
		return statusText + ((closingReasonText != null) ? " (" + closingReasonText + ")" : "");
	}

	/**
	 * The tables of one case, for the letter and the page alike, so both always show the
	 * same: the history, referrals and disclosures always, the rest when there is any.
	 */
	static List<Table> tables(Insight.Case held, DanishFormat danish) {
		List<Table> tables = new ArrayList<>();
		tables.add(new Table("Sagens forløb", List.of("Dato", "Status", "Begrundelse"),
				rows(held.statusHistory(), (status) -> Arrays.asList(danish.date(status.at()),
						withReason(status.statusText(), status.closingReasonText()), orDash(status.reason())))));
		tables.add(
				new Table("Bekymringshenvendelser", List.of("Dato", "Myndighed", "Kategori", "Hjemmel", "Henvendelsen"),
						rows(held.referrals(),
								(referral) -> Arrays.asList(danish.date(referral.submittedAt()),
										referral.authority().name(), referral.categoryText(), referral.legalBasisText(),
										referral.concern()))));
		tables.add(new Table("Videregivelser", List.of("Fra", "Til", "Hjemmel", "Formål", "Periode", "Begrænsning"),
				rows(held.disclosures(),
						(disclosure) -> Arrays.asList(disclosure.from().name(), disclosure.to().name(),
								disclosure.legalBasisText(), orDash(disclosure.purpose()),
								danish.date(disclosure.since()) + " – "
										+ ((disclosure.until() != null) ? danish.date(disclosure.until()) : ""),
								orDash(disclosure.usageRestriction())))));
		addIfAny(tables,
				new Table("Opgaver", List.of("Myndighed", "Opgave", "Frist", "Status", "Resultat"),
						rows(held.tasks(),
								(task) -> Arrays.asList(task.authority().name(), task.description(),
										(task.dueDate() != null) ? danish.date(task.dueDate()) : "–", task.stateText(),
										orDash(task.outcome())))));
		addIfAny(tables,
				new Table("Statusrapporter", List.of("Dato", "Myndighed", "Indsats", "Rapport"),
						rows(held.statusReports(), (report) -> Arrays.asList(danish.date(report.reportedAt()),
								report.authority().name(), report.involvementText(), report.text()))));
		addIfAny(tables,
				new Table("Kommunens interne koordinering", List.of("Dato", "Forvaltning", "Note"), rows(
						held.municipalNotes(),
						(note) -> Arrays.asList(danish.date(note.writtenAt()), note.authority().name(), note.text()))));
		addIfAny(tables,
				new Table("Genvurderinger", List.of("Frist", "Udfald", "Begrundelse"),
						rows(held.reviews(), (review) -> Arrays.asList(danish.date(review.dueDate()),
								review.stateText(), orDash(review.outcome())))));
		addIfAny(tables,
				new Table("Møder, hvor sagen var på dagsordenen", List.of("Dato", "Punkt", "Mødet", "Beslutning"),
						rows(held.meetings(),
								(meeting) -> Arrays.asList(danish.date(meeting.date()),
										meeting.item() + ". " + meeting.title(), meeting.meetingStateText(),
										orDash(meeting.decision())))));
		return tables;
	}

	/** Every read, oldest first, as the letter and the page list them. */
	static Table reads(Insight insight, DanishFormat danish) {
		return new Table("Opslag i dine personoplysninger", List.of("Dato", "Myndighed", "Sag", "Formål"),
				rows(insight.allReads(), (read) -> Arrays.asList(danish.date(read.date()), read.authority().name(),
						orDash(read.caseNumber()), read.purpose())));
	}

	private static void addIfAny(List<Table> tables, Table table) {
		if (!table.rows().isEmpty()) {
			tables.add(table);
		}
	}

	private static <T> List<List<String>> rows(List<T> values, Function<T, List<String>> row) {
		return values.stream().map(row).toList();
	}

	private static String orDash(String value) {
		return (value != null && !value.isBlank()) ? value : "–";
	}

	/** A titled table of texts, printed by the letter and shown by the page. */
	record Table(String title, List<String> headers, List<List<String>> rows) {

	}

}
