package dk.coordination.casework.internal;

import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import dk.coordination.web.DanishFormat;

/**
 * The case page's Danish texts for what is put together in Java (the timeline, the
 * success and refusal messages), from the same bundle the template reads
 * ({@code i18n/sag_da.properties}).
 */
@Component
class CaseTexts {

	private static final Locale DANISH = DanishFormat.LOCALE;

	private final MessageSource messages;

	private final DanishFormat format;

	CaseTexts(MessageSource messages, DanishFormat format) {
		this.messages = messages;
		this.format = format;
	}

	String get(String key, Object... args) {
		return this.messages.getMessage(key, args, DANISH);
	}

	/** The text of {@code key}, or of {@code fallbackKey} when the bundle has none. */
	String getOrDefault(String key, String fallbackKey, Object... args) {
		String text = this.messages.getMessage(key, args, null, DANISH);
		return (text != null) ? text : get(fallbackKey, args);
	}

	/** "24. december 2026", as the pages write dates. */
	String date(TemporalAccessor value) {
		return this.format.date(value);
	}

	String dateTime(TemporalAccessor value) {
		return this.format.dateTime(value);
	}

	/**
	 * An enum's label: {@code sag.casestatus.SCREENING}, the key the template uses too.
	 */
	String label(Enum<?> value) {
		return (value != null) ? get(labelKey(value)) : "";
	}

	static String labelKey(Enum<?> value) {
		return "sag." + value.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT) + "." + value.name();
	}

}
