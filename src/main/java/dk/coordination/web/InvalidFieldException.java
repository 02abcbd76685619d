package dk.coordination.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Input that passed bean validation but breaks a rule only the module knows (an unknown
 * unit, a CPR number whose date does not exist). Answered as 400 naming the field.
 */
public class InvalidFieldException extends ErrorResponseException {

	public InvalidFieldException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	/** The fields at fault, as the problem lists them. */
	public List<FieldError> errors() {
		Object errors = (getBody().getProperties() != null) ? getBody().getProperties().get("errors") : null;
		return (errors instanceof List<?> list)
				? list.stream().filter(FieldError.class::isInstance).map(FieldError.class::cast).toList() : List.of();
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		problem.setTitle("Invalid request content");
		problem.setProperty("errors", List.of(new FieldError(field, message)));
		return problem;
	}

}
