package dk.coordination.web.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

/**
 * Turns Jackson's location of a bad value into the JSON path a client understands
 * ({@code subject.cpr}, {@code items[2].to}).
 */
final class DatabindPaths {

	private static final int MAX_QUOTED = 40;

	private DatabindPaths() {
	}

	static String describe(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	/**
	 * The client's value for a message, cut short and with control characters escaped, so
	 * an answer never carries back a megabyte or a NUL.
	 */
	/** "; known fields: a, b" for an unknown field's problem, or nothing. */
	static String knownFields(Collection<Object> known) {
		if (known == null || known.isEmpty()) {
			return "";
		}
		return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "; known fields: ", ""));
	}

	static String quote(Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder quoted = new StringBuilder("'");
		text.codePoints().limit(MAX_QUOTED).forEach((codePoint) -> {
			if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
				quoted.append("\\u%04X".formatted(codePoint));
			}
			else {
				quoted.appendCodePoint(codePoint);
			}
		});
		if (text.codePointCount(0, text.length()) > MAX_QUOTED) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	/**
	 * What a value of this type looks like in JSON, in the client's terms rather than
	 * Java's.
	 */
	static String expected(Class<?> type) {
		if (type == null) {
			return "has the wrong type or shape";
		}
		if (type.isEnum()) {
			return "must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
		}
		if (type == String.class) {
			return "must be a JSON string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "must be a whole number";
		}
		if (type == LocalDate.class) {
			return "must be a date like 2027-03-04";
		}
		if (type == OffsetDateTime.class || type == Instant.class) {
			return "must be a date and time with offset like 2027-03-04T09:00:00+01:00";
		}
		if (type == UUID.class) {
			return "must be a UUID";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "must be a JSON array";
		}
		if (type.isRecord()) {
			return "must be a JSON object";
		}
		return "has the wrong type or shape";
	}

	static String allowedValues(Class<?> type) {
		if (type == null || !type.isEnum()) {
			return "";
		}
		return Arrays.stream(type.getEnumConstants())
			.map(Object::toString)
			.collect(Collectors.joining(", ", "; allowed: ", ""));
	}

}
