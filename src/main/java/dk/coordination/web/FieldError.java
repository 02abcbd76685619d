package dk.coordination.web;

/**
 * One field at fault, as listed in a problem's {@code errors}.
 *
 * @param field the JSON path of the field, e.g. {@code subject.cpr}
 */
public record FieldError(String field, String message) {
}
