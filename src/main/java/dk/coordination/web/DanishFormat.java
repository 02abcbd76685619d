package dk.coordination.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Dates and times as Danes write them, in Danish time: "2. december 2026" and "2.
 * december 2026 kl. 14.05". Templates use it as {@code ${@danish.date(x)}} and
 * {@code ${@danish.dateTime(x)}}; null shows as nothing.
 */
@Component("danish")
public class DanishFormat {

	/** The pages' one locale. */
	public static final Locale LOCALE = Locale.of("da", "DK");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", LOCALE);

	private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", LOCALE);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH.mm", LOCALE);

	private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	public String date(TemporalAccessor value) {
		return (value != null) ? DATE.format(inDenmark(value)) : "";
	}

	public String shortDate(TemporalAccessor value) {
		return (value != null) ? SHORT_DATE.format(inDenmark(value)) : "";
	}

	public String dateTime(TemporalAccessor value) {
		return (value != null) ? DATE_TIME.format(inDenmark(value)) : "";
	}

	/** The machine-readable form for {@code <time datetime>} and date inputs. */
	public String iso(TemporalAccessor value) {
		if (value == null) {
			return "";
		}
		TemporalAccessor danish = inDenmark(value);
		return (danish instanceof LocalDate) ? ISO_DATE.format(danish)
				: DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(danish);
	}

	private static TemporalAccessor inDenmark(TemporalAccessor value) {
		return switch (value) {
			case Instant instant -> instant.atZone(DanishTime.ZONE);
			case OffsetDateTime offset -> offset.atZoneSameInstant(DanishTime.ZONE);
			case ZonedDateTime zoned -> zoned.withZoneSameInstant(DanishTime.ZONE);
			default -> value;
		};
	}

}
