package dk.coordination.casework.internal;

import java.util.List;
import java.util.Map;

/**
 * The one form of the case page that came back instead of succeeding, so the page can
 * show it open, with what the user typed and what went wrong. Every other form on the
 * page starts empty.
 *
 * @param name which form: {@code status}, {@code opgave-<id>}, ...; its elements' ids
 * start with it
 * @param kind which sort of form: {@code status}, {@code opgave}, ...
 * @param values what the user typed, by field
 * @param errors the fields at fault, for the error summary and beside each field
 * @param outcome why it came back
 * @param message what the page says about it beside the form and at the top; null for
 * field errors
 */
record CaseForm(String name, String kind, Map<String, String> values, List<FieldProblem> errors, Outcome outcome,
		String message) {

	static CaseForm none() {
		return new CaseForm(null, null, Map.of(), List.of(), Outcome.NONE, null);
	}

	static CaseForm invalid(String name, String kind, Map<String, String> values, List<FieldProblem> errors) {
		return new CaseForm(name, kind, Map.copyOf(values), List.copyOf(errors), Outcome.INVALID, null);
	}

	static CaseForm refused(String name, String kind, Map<String, String> values, String message) {
		return new CaseForm(name, kind, Map.copyOf(values), List.of(), Outcome.REFUSED, message);
	}

	static CaseForm stale(String name, String kind, Map<String, String> values) {
		return new CaseForm(name, kind, Map.copyOf(values), List.of(), Outcome.STALE, null);
	}

	CaseForm withMessage(String text) {
		return new CaseForm(this.name, this.kind, this.values, this.errors, this.outcome, text);
	}

	// the template calls these; SpEL finds only public methods

	public boolean is(String form) {
		return this.name != null && this.name.equals(form);
	}

	/** What the user typed in the field if this form came back, else empty. */
	public String value(String form, String field) {
		return value(form, field, "");
	}

	/**
	 * What the user typed in the field if this form came back, else {@code otherwise}.
	 */
	public String value(String form, String field, String otherwise) {
		return is(form) ? this.values.getOrDefault(field, "") : otherwise;
	}

	/** The message for the element with this id, or null. */
	public String error(String elementId) {
		return this.errors.stream()
			.filter((problem) -> problem.elementId().equals(elementId))
			.map(FieldProblem::message)
			.findFirst()
			.orElse(null);
	}

	public boolean hasError(String elementId) {
		return error(elementId) != null;
	}

	public boolean invalid() {
		return this.outcome == Outcome.INVALID;
	}

	public boolean stale() {
		return this.outcome == Outcome.STALE;
	}

	public boolean refused() {
		return this.outcome == Outcome.REFUSED;
	}

	enum Outcome {

		NONE, INVALID, REFUSED, STALE

	}

	/**
	 * @param elementId the id of the input at fault, which the error summary links to
	 */
	record FieldProblem(String elementId, String message) {
	}

}
