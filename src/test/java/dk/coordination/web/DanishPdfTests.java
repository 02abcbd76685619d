package dk.coordination.web;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DanishPdfTests {

	@Test
	void aDocumentHasItsTitleLanguageAndTheConfidentialFooter() throws IOException {
		byte[] pdf = DanishPdf.a4("Indsigt – Koordineringsenheden")
			.heading("Indsigt i oplysninger")
			.field("Borger", "010190-xxxx")
			.paragraph("Her er de opslag, der er gjort.")
			.muted("Dannet 2. december 2026")
			.toBytes();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Indsigt – Koordineringsenheden");
			assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("da-DK");
			assertThat(new PDFTextStripper().getText(document)).contains("Indsigt i oplysninger")
				.contains("Borger: 010190-xxxx")
				.contains("Her er de opslag, der er gjort.")
				.contains("Fortroligt – må ikke videregives")
				.contains("Side 1 af 1");
		}
	}

	@Test
	void aLongTableRepeatsItsHeaderOnEveryPage() throws IOException {
		List<List<String>> rows = IntStream.rangeClosed(1, 120)
			.mapToObj((n) -> List.of("Række " + n, String.valueOf(n), (n % 7 == 0) ? "<5" : "–"))
			.toList();

		byte[] pdf = DanishPdf.a4("Tabel").table(List.of("Myndighed", "Antal", "Andel"), rows).toBytes();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			int pages = document.getNumberOfPages();
			assertThat(pages).isGreaterThan(1);
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= pages; page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				assertThat(stripper.getText(document)).as("page %d", page)
					.contains("Myndighed")
					.contains("Side " + page + " af " + pages);
			}
			stripper.setStartPage(1);
			stripper.setEndPage(pages);
			assertThat(stripper.getText(document)).contains("Række 120").contains("<5");
		}
	}

}
