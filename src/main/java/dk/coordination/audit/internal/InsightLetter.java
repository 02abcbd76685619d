package dk.coordination.audit.internal;

import java.time.Instant;
import java.util.List;

import dk.coordination.audit.internal.AccessLogSearch.CitizenExport;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.DanishPdf;

/**
 * The answer to a citizen's request for insight in the reads of their data, as a PDF a
 * caseworker can send: which authority read, on which day, and why. Which employee read
 * is left out (EU Court C-579/21): the export it prints has no user names to begin with.
 */
final class InsightLetter {

	private InsightLetter() {
	}

	static byte[] pdf(CitizenExport export, Instant printedAt, DanishFormat danish) {
		List<List<String>> rows = export.reads()
			.stream()
			.map((read) -> List.of(danish.date(read.date()), read.organisation(), read.purpose()))
			.toList();
		DanishPdf pdf = DanishPdf.a4("Indsigt i opslag i dine personoplysninger")
			.heading("Indsigt i opslag i dine personoplysninger")
			.field("CPR-nummer", export.subject())
			.field("Udskrevet", danish.date(printedAt))
			.paragraph("Du har bedt om at få at vide, hvornår dine personoplysninger er slået op i "
					+ "koordineringsenhedens system, af hvilke myndigheder og til hvilket formål. Her er hvert "
					+ "opslag, der er logget, det ældste først.");
		if (rows.isEmpty()) {
			pdf.paragraph("Der er ikke logget opslag i dine personoplysninger.");
		}
		else {
			pdf.subheading("Opslag (" + rows.size() + ")").table(List.of("Dato", "Myndighed", "Formål"), rows);
		}
		return pdf
			.muted("Oversigten viser myndigheden, ikke den enkelte medarbejder, der har slået oplysningerne op. "
					+ "Har du spørgsmål, kan du kontakte myndighedens databeskyttelsesrådgiver.")
			.toBytes();
	}

}
