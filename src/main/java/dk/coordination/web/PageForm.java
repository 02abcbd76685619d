package dk.coordination.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * One form of a page as it was posted, and, when it came back instead of succeeding, what
 * the page shows about it: what the user typed, the fields at fault (for the error
 * summary and beside each field), a refusal or a stale edit. The checks are the API's
 * request validation with the same limits; what only the service knows it still decides.
 * A page without a returning form gets {@link #none()}. Templates call the public methods
 * as {@code form}; every page with forms (Sag, Møder) reads its fields through this one
 * class, so a date is parsed and a text is limited the same way everywhere.
 * <p>
 * The message for a field left out or unknown is {@code <errorKeys><field>} in the page's
 * bundle; too long a text and a date that does not exist have the shared
 * {@code side.fejl.forlang} and {@code side.fejl.dato}.
 */
public final class PageForm {

	private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	enum Outcome {

		NONE, INVALID, REFUSED, STALE, PREVIEW

	}

	private final String name;

	private final Map<String, String> values = new LinkedHashMap<>();

	private final Map<String, List<String>> lists = new LinkedHashMap<>();

	private final List<Problem> problems = new ArrayList<>();

	private final String kind;

	private final String errorKeys;

	private final Texts texts;

	private Outcome outcome = Outcome.NONE;

	private String message;

	private String messageField;

	/**
	 * @param name the form on the page, unique there ({@code opgave-<id>},
	 * {@code beslutning-<item id>}); its elements' ids start with it
	 * @param kind which sort of form ({@code opgave}), for the page's own texts about it
	 * @param errorKeys the start of the keys of its field messages
	 * ({@code sag.fejl.opgave.})
	 * @param posted the request's parameters (every value of each)
	 * @param texts the Danish text of a message key
	 */
	public PageForm(String name, String kind, String errorKeys, Map<String, List<String>> posted, Texts texts) {
		this.name = name;
		this.kind = kind;
		this.errorKeys = errorKeys;
		this.texts = texts;
		posted.forEach((field, given) -> {
			this.values.put(field, given.isEmpty() ? "" : given.get(0));
			this.lists.put(field, List.copyOf(given));
		});
	}

	public static PageForm none() {
		return new PageForm(null, null, "", Map.of(), (key, args) -> key);
	}

	public String name() {
		return this.name;
	}

	public String kind() {
		return this.kind;
	}

	/**
	 * A text the user must give, stripped; null (and a problem) when blank or too long.
	 */
	public String text(String field, int max) {
		String text = raw(field).strip();
		if (text.isEmpty()) {
			problem(field, this.texts.get(this.errorKeys + field));
			return null;
		}
		if (text.length() > max) {
			problem(field, this.texts.get("side.fejl.forlang", max));
			return null;
		}
		return text;
	}

	/** A text the user may leave out: null when blank. */
	public String optionalText(String field, int max) {
		return raw(field).isBlank() ? null : text(field, max);
	}

	/** One of the choices; null when blank, a problem when unknown or required. */
	public <E extends Enum<E>> E choice(String field, Class<E> type, boolean required) {
		String value = raw(field).strip();
		if (value.isEmpty() && !required) {
			return null;
		}
		for (E candidate : type.getEnumConstants()) {
			if (candidate.name().equals(value)) {
				return candidate;
			}
		}
		problem(field, this.texts.get(this.errorKeys + field));
		return null;
	}

	/**
	 * A date as a date field sends it ({@code 2026-12-24}) or as a Dane types it
	 * ({@code 24.12.2026}), in the years the API accepts.
	 */
	public LocalDate date(String field, boolean required) {
		String value = raw(field).strip();
		if (value.isEmpty()) {
			if (required) {
				problem(field, this.texts.get(this.errorKeys + field));
			}
			return null;
		}
		LocalDate date;
		try {
			date = value.contains("-") ? LocalDate.parse(value) : LocalDate.parse(value, DANISH_DATE);
		}
		catch (DateTimeParseException ex) {
			date = null;
		}
		if (date == null || date.getYear() < 2000 || date.getYear() > 2100) {
			problem(field, this.texts.get("side.fejl.dato"));
			return null;
		}
		return date;
	}

	/**
	 * A time of day as a time field sends it ({@code 14:00}) or typed as {@code 14.00}.
	 */
	public LocalTime time(String field) {
		String value = raw(field).strip().replace('.', ':');
		try {
			return LocalTime.parse(value.matches("\\d:\\d\\d") ? "0" + value : value);
		}
		catch (DateTimeParseException ex) {
			problem(field, this.texts.get(this.errorKeys + field));
			return null;
		}
	}

	/** A whole number in the API's bounds; null (and a problem) otherwise. */
	public Integer number(String field, int min, int max) {
		String value = raw(field).strip();
		if (value.matches("\\d{1,4}") && Integer.parseInt(value) >= min && Integer.parseInt(value) <= max) {
			return Integer.parseInt(value);
		}
		problem(field, this.texts.get(this.errorKeys + field));
		return null;
	}

	/**
	 * Every value of a field that may come several times (checkboxes), blanks left out.
	 */
	public List<String> all(String field) {
		return this.lists.getOrDefault(field, List.of())
			.stream()
			.map(String::strip)
			.filter((v) -> !v.isEmpty())
			.toList();
	}

	/**
	 * The version the form was filled in on, as the {@code If-Match} the API would send;
	 * null when the form carried none, which the service answers like a stale one.
	 */
	public String ifMatch() {
		String version = raw("version").strip();
		return version.matches("\\d{1,18}") ? ETags.of(Long.parseLong(version)) : null;
	}

	public void problem(String field, String text) {
		this.problems.add(new Problem(elementId(field), text));
		this.outcome = Outcome.INVALID;
	}

	public boolean hasProblems() {
		return !this.problems.isEmpty();
	}

	public PageForm refused(String text, String field) {
		this.outcome = Outcome.REFUSED;
		this.message = text;
		this.messageField = (field != null) ? elementId(field) : null;
		return this;
	}

	public PageForm stale(String text) {
		this.outcome = Outcome.STALE;
		this.message = text;
		return this;
	}

	/**
	 * Runs the change when the fields are valid and returns what it returns (a redirect);
	 * otherwise shows the page again with the form as it came and the answer's status:
	 * 400 with the fields at fault (a field the service rejects reads
	 * {@code <errorKeys><field>.service}, or {@code side.fejl.service}), 412 as a stale
	 * edit (the page says what changed), and 409, 403 or 404 as a refusal, which
	 * {@code refusal} words. Showing the page again asks the service about the thing
	 * itself, so a hidden one still gets its own 404.
	 * @param fieldOf the form's field for the service's (a JSON path)
	 */
	public String submit(HttpServletResponse response, Supplier<String> change, Supplier<String> pageAgain,
			UnaryOperator<String> fieldOf, BiConsumer<PageForm, ErrorResponseException> refusal) {
		if (hasProblems()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return pageAgain.get();
		}
		try {
			return change.get();
		}
		catch (InvalidFieldException ex) {
			ex.errors().forEach((error) -> {
				String field = fieldOf.apply(error.field());
				problem(field, serviceMessage(field));
			});
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return pageAgain.get();
		}
		catch (ErrorResponseException ex) {
			int status = ex.getStatusCode().value();
			if (status == HttpStatus.PRECONDITION_FAILED.value()
					|| status == HttpStatus.PRECONDITION_REQUIRED.value()) {
				response.setStatus(HttpStatus.PRECONDITION_FAILED.value());
				stale(null);
				return pageAgain.get();
			}
			if (status == HttpStatus.CONFLICT.value() || status == HttpStatus.FORBIDDEN.value()
					|| status == HttpStatus.NOT_FOUND.value()) {
				response.setStatus(status);
				refusal.accept(this, ex);
				return pageAgain.get();
			}
			throw ex;
		}
	}

	private String serviceMessage(String field) {
		try {
			return this.texts.get(this.errorKeys + field + ".service");
		}
		catch (NoSuchMessageException ex) {
			return this.texts.get("side.fejl.service");
		}
	}

	public PageForm preview() {
		this.outcome = Outcome.PREVIEW;
		return this;
	}

	/**
	 * The Danish texts of a page's bundle, e.g. {@code MessageSource.getMessage} in the
	 * Danish locale.
	 */
	@FunctionalInterface
	public interface Texts {

		String get(String key, Object... args);

	}

	private String raw(String field) {
		return this.values.getOrDefault(field, "");
	}

	// the templates call these; SpEL finds only public methods

	public String elementId(String field) {
		return this.name + "-" + field;
	}

	public boolean is(String form) {
		return this.name != null && this.name.equals(form);
	}

	/**
	 * What the user typed in the field if this form came back, else {@code otherwise}.
	 */
	public String value(String form, String field, String otherwise) {
		return is(form) ? raw(field) : otherwise;
	}

	public String value(String form, String field) {
		return value(form, field, "");
	}

	/**
	 * Whether the user ticked {@code value} of the field if this form came back, else
	 * {@code otherwise}.
	 */
	public boolean checked(String form, String field, String value, boolean otherwise) {
		return is(form) ? this.lists.getOrDefault(field, List.of()).contains(value) : otherwise;
	}

	/** The message for the element with this id, or null. */
	public String error(String elementId) {
		if (elementId.equals(this.messageField)) {
			return this.message;
		}
		return this.problems.stream()
			.filter((problem) -> problem.elementId().equals(elementId))
			.map(Problem::message)
			.findFirst()
			.orElse(null);
	}

	public boolean hasError(String elementId) {
		return error(elementId) != null;
	}

	public List<Problem> errors() {
		return List.copyOf(this.problems);
	}

	public String message() {
		return this.message;
	}

	/** The element the refusal is about, for the link from the message at the top. */
	public String messageTarget() {
		return (this.messageField != null) ? this.messageField : "form-" + this.name;
	}

	public boolean invalid() {
		return this.outcome == Outcome.INVALID;
	}

	public boolean refused() {
		return this.outcome == Outcome.REFUSED;
	}

	public boolean stale() {
		return this.outcome == Outcome.STALE;
	}

	public boolean previewed() {
		return this.outcome == Outcome.PREVIEW;
	}

	/**
	 * @param elementId the id of the input at fault, which the error summary links to
	 */
	public record Problem(String elementId, String message) {

		public String getElementId() {
			return this.elementId;
		}

	}

}
