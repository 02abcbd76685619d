package dk.coordination.web.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

/**
 * Turns Jackson's location of a bad value into the JSON path a client understands
 * ({@code subject.cpr}, {@code items[2].to}).
 */
final class DatabindPaths {

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

	static String quote(Object value) {
		return (value == null) ? "null" : "'" + value + "'";
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
