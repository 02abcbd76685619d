package dk.coordination.statistics.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a report is asked for, as typed: a unit code and a period of ISO dates. The API
 * answers the first problem as a 400 naming the field; the page shows them all in Danish,
 * by {@link Invalid#code()}.
 */
record ReportRequest(String unit, LocalDate from, LocalDate to) {

	/** The longest period one report covers. */
	static final int MAX_YEARS = 5;

	static final int FIRST_YEAR = 2000;

	static final int LAST_YEAR = 2100;

	private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	/**
	 * One thing wrong with the request.
	 *
	 * @param field the parameter ({@code unit}, {@code from}, {@code to})
	 * @param code what is wrong, for the page's Danish text: {@code required},
	 * {@code format}, {@code range}, {@code order}, {@code length}
	 * @param message the API's English detail
	 */
	record Invalid(String field, String code, String message) {
	}

	/** The request, or what is wrong with it (every problem, in field order). */
	record Checked(ReportRequest request, List<Invalid> problems) {
	}

	static Checked check(String unit, String from, String to) {
		List<Invalid> problems = new ArrayList<>();
		String code = (unit == null) ? "" : unit.strip();
		if (code.isEmpty()) {
			problems.add(new Invalid("unit", "required", "is required: the code of a coordination unit, e.g. KBH"));
		}
		else if (!UNIT_CODE.matcher(code).matches()) {
			problems.add(new Invalid("unit", "format", "is not a unit code (letters, digits, - and _, at most 32)"));
		}
		LocalDate start = date("from", from, problems);
		LocalDate end = date("to", to, problems);
		if (start != null && end != null) {
			if (start.isAfter(end)) {
				problems.add(new Invalid("from", "order", "must not be after to (" + end + ")"));
			}
			else if (!end.isBefore(start.plusYears(MAX_YEARS))) {
				problems.add(new Invalid("to", "length", "the period may be at most " + MAX_YEARS + " years: from "
						+ start + ", to must be " + start.plusYears(MAX_YEARS).minusDays(1) + " or earlier"));
			}
		}
		return new Checked(problems.isEmpty() ? new ReportRequest(code, start, end) : null, List.copyOf(problems));
	}

	private static LocalDate date(String field, String text, List<Invalid> problems) {
		if (text == null || text.isBlank()) {
			problems.add(new Invalid(field, "required", "is required: a date like 2026-01-31"));
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			problems.add(new Invalid(field, "format", "is not a date like 2026-01-31"));
			return null;
		}
		// checked on the year as written, before any arithmetic an extreme year would
		// overflow
		if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
			problems.add(new Invalid(field, "range",
					"must be between " + FIRST_YEAR + "-01-01 and " + LAST_YEAR + "-12-31"));
			return null;
		}
		return date;
	}

}
