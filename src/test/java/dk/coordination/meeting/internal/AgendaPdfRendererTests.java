package dk.coordination.meeting.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgendaPdfRendererTests {

	private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

	private static final ZonedDateTime STARTS = ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, DANISH_TIME);

	private static final ZonedDateTime ENDS = STARTS.plusHours(2);

	private static final String UNIT = "Koordineringsenheden i København";

	private static final String LOCATION = "Rådhuset, mødelokale Ærø på 3. sal";

	private final AgendaPdfRenderer renderer = new AgendaPdfRenderer();

	@Test
	void printsTheHeaderWithDanishDatesAndLetters() throws IOException {
		String text = text(this.renderer.render(agenda(2, Instant.parse("2026-12-01T13:03:00Z"), sampleItems())));

		assertThat(text).contains("Dagsorden")
			.contains(UNIT)
			.contains("Tidspunkt: torsdag den 3. december 2026 kl. 09.00–11.00")
			.contains("Sted: " + LOCATION)
			.contains("Inviterede: Københavns Politi, Socialforvaltningen, Børne- og Ungdomsforvaltningen")
			.contains("Fortroligt – må ikke videregives")
			.contains("Side 1 af 1");
	}

	@Test
	void printsNumberedItemsWithCaseNumberAndInitialsOnlyWhereGiven() throws IOException {
		String text = text(this.renderer.render(agenda(2, Instant.parse("2026-12-01T13:03:00Z"), sampleItems())));

		assertThat(text).contains("1. Orientering om samarbejdet med skolerne")
			.contains("2. KBH-2026-0007 – ny bekymringshenvendelse")
			.contains("3. KBH-2026-0012 – opfølgning")
			.contains("Sag: KBH-2026-0007")
			.contains("Sag: KBH-2026-0012")
			.contains("Begrundelse: Nye oplysninger i sagen");
		assertThat(text.split("Borger: ", -1)).hasSize(2);
		String secondItem = text.substring(text.indexOf("2. KBH-2026-0007"), text.indexOf("3. KBH-2026-0012"));
		assertThat(secondItem).contains("Borger: A.B.");
		// the free item has no case to name
		String firstItem = text.substring(text.indexOf("1. Orientering"), text.indexOf("2. KBH-2026-0007"));
		assertThat(firstItem).doesNotContain("Sag:").contains("Begrundelse: Orientering");
	}

	@Test
	void aPublishedVersionPrintsItsNumberAndWhenItWasPublished() throws IOException {
		String text = text(this.renderer.render(agenda(2, Instant.parse("2026-12-01T13:03:00Z"), sampleItems())));

		// 13.03 UTC is 14.03 in Copenhagen in December
		assertThat(text).contains("Version 2, offentliggjort 1. december 2026 kl. 14.03").doesNotContain("Udkast");
	}

	@Test
	void aDraftSaysSo() throws IOException {
		String text = text(this.renderer.render(agenda(0, null, sampleItems())));

		assertThat(text).contains("Udkast (ikke offentliggjort)").doesNotContain("Version");
	}

	@Test
	void anEmptyAgendaSaysThereIsNothingOnIt() throws IOException {
		String text = text(this.renderer.render(agenda(1, Instant.parse("2026-12-01T13:03:00Z"), List.of())));

		assertThat(text).contains("Ingen punkter på dagsordenen.").contains("Side 1 af 1");
	}

	@Test
	void twoHundredItemsRunOverSeveralPagesEachCountingThemAll() throws IOException {
		List<AgendaDocument.Item> items = IntStream.rangeClosed(1, 200)
			.mapToObj((n) -> new AgendaDocument.Item(n, "KBH-2026-%04d – opfølgning".formatted(n),
					"KBH-2026-%04d".formatted(n), (n % 2 == 0) ? "Æ.Ø." : null, "Opfølgning forfalder inden mødet"))
			.toList();

		try (PDDocument document = Loader.loadPDF(this.renderer.render(agenda(3, Instant.now(), items)))) {
			int pages = document.getNumberOfPages();
			String text = new PDFTextStripper().getText(document);

			assertThat(pages).isGreaterThan(1);
			assertThat(text).contains("200. KBH-2026-0200 – opfølgning")
				.contains("Sag: KBH-2026-0200")
				.contains("Side 1 af " + pages)
				.contains("Side " + pages + " af " + pages);
		}
	}

	@Test
	void lettersOutsideWinAnsiLoseTheirAccentRatherThanVanish() throws IOException {
		AgendaDocument.Item item = new AgendaDocument.Item(1, "Orientering", null, "Ş.Ł.", "Orientering");

		String text = text(this.renderer.render(agenda(1, Instant.now(), List.of(item))));

		assertThat(text).contains("Borger: S.?.");
	}

	private static List<AgendaDocument.Item> sampleItems() {
		return List.of(new AgendaDocument.Item(1, "Orientering om samarbejdet med skolerne", null, null, "Orientering"),
				new AgendaDocument.Item(2, "KBH-2026-0007 – ny bekymringshenvendelse", "KBH-2026-0007", "A.B.",
						"Ny bekymringshenvendelse til behandling"),
				new AgendaDocument.Item(3, "KBH-2026-0012 – opfølgning", "KBH-2026-0012", null,
						"Nye oplysninger i sagen"));
	}

	private static AgendaDocument agenda(int version, Instant publishedAt, List<AgendaDocument.Item> items) {
		return new AgendaDocument(UNIT, STARTS, ENDS, LOCATION,
				List.of("Københavns Politi", "Socialforvaltningen", "Børne- og Ungdomsforvaltningen"), version,
				publishedAt, items);
	}

	private static String text(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}

}
