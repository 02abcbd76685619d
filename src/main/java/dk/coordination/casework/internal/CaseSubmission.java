package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dk.coordination.casework.internal.CaseForm.FieldProblem;
import dk.coordination.web.ETags;

/**
 * One form of the case page as it was posted: reads its fields, collects what is wrong
 * with them in Danish, and keeps what the user typed so the page can come back with it.
 * The checks are the API's request validation, field by field (the same limits); what
 * only the service knows it still decides.
 */
final class CaseSubmission {

	private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private final String name;

	private final String kind;

	private final Map<String, String> values = new LinkedHashMap<>();

	private final List<FieldProblem> problems = new ArrayList<>();

	private final CaseTexts texts;

	/**
	 * @param name the form on the page, unique there ({@code opgave-<id>})
	 * @param kind which sort of form, for its texts ({@code opgave})
	 * @param posted the request's parameters; only {@code fields} are kept
	 */
	CaseSubmission(String name, String kind, Map<String, String> posted, CaseTexts texts, String... fields) {
		this.name = name;
		this.kind = kind;
		this.texts = texts;
		for (String field : fields) {
			this.values.put(field, posted.getOrDefault(field, ""));
		}
	}

	String name() {
		return this.name;
	}

	String kind() {
		return this.kind;
	}

	/**
	 * A text the user must give, stripped; null (and a problem) when blank or too long.
	 */
	String text(String field, int max) {
		String text = this.values.get(field).strip();
		if (text.isEmpty()) {
			problem(field, this.texts.get("sag.fejl." + this.kind + "." + field));
			return null;
		}
		if (text.length() > max) {
			problem(field, this.texts.get("sag.fejl.forlang", max));
			return null;
		}
		return text;
	}

	/** A text the user may leave out: null when blank. */
	String optionalText(String field, int max) {
		return this.values.get(field).isBlank() ? null : text(field, max);
	}

	/** One of the choices; null (and a problem) when none or an unknown one was sent. */
	<E extends Enum<E>> E choice(String field, Class<E> type) {
		String value = this.values.get(field).strip();
		for (E candidate : type.getEnumConstants()) {
			if (candidate.name().equals(value)) {
				return candidate;
			}
		}
		problem(field, this.texts.get("sag.fejl." + this.kind + "." + field));
		return null;
	}

	/**
	 * A date as a date field sends it ({@code 2026-12-24}) or as a Dane types it
	 * ({@code 24.12.2026}), in the years the API accepts (2000 to 2100).
	 * @return the date, or null when blank or wrong (a problem, if {@code required} or
	 * wrong)
	 */
	LocalDate date(String field, boolean required) {
		String value = this.values.get(field).strip();
		if (value.isEmpty()) {
			if (required) {
				problem(field, this.texts.get("sag.fejl." + this.kind + "." + field));
			}
			return null;
		}
		LocalDate date = parse(value);
		if (date == null || date.getYear() < 2000 || date.getYear() > 2100) {
			problem(field, this.texts.get("sag.fejl.dato"));
			return null;
		}
		return date;
	}

	private static LocalDate parse(String value) {
		try {
			return value.contains("-") ? LocalDate.parse(value) : LocalDate.parse(value, DANISH_DATE);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The version the form was filled in on, as the {@code If-Match} the API would send;
	 * null when the form carried none, which the service answers like a stale one.
	 */
	String ifMatch() {
		String version = this.values.getOrDefault("version", "").strip();
		return version.matches("\\d{1,18}") ? ETags.of(Long.parseLong(version)) : null;
	}

	void problem(String field, String message) {
		this.problems.add(new FieldProblem(elementId(field), message));
	}

	String elementId(String field) {
		return this.name + "-" + field;
	}

	boolean hasProblems() {
		return !this.problems.isEmpty();
	}

	CaseForm invalid() {
		return CaseForm.invalid(this.name, this.kind, this.values, this.problems);
	}

	CaseForm refused(String message) {
		return CaseForm.refused(this.name, this.kind, this.values, message);
	}

	CaseForm stale() {
		return CaseForm.stale(this.name, this.kind, this.values);
	}

}
