package dk.coordination.web.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dk.coordination.web.FieldError;
import dk.coordination.web.internal.InputTextDeserializer.RejectedText;

/**
 * Every error of the API as RFC 9457 problem JSON. Spring's own exceptions (unsupported
 * media type, missing parameters, {@code ErrorResponseException}) are handled by the base
 * class; this adds the fields at fault and keeps anything unexpected from leaking
 * internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** How long a client is asked to wait when the database cannot be had. */
	static final int RETRY_AFTER_SECONDS = 5;

	/**
	 * The API's problems keep the detail they were thrown with: the application's message
	 * source holds the pages' Danish texts, which are no part of the API's answers.
	 */
	@Override
	public void setMessageSource(MessageSource messageSource) {
		// deliberately not used
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		return invalid(errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> errors
					.add(new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
		return invalid(errors, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Unreadable request body");
		if (ex.getCause() instanceof DatabindException databind) {
			String field = DatabindPaths.describe(databind.getPath());
			String message = switch (databind) {
				case RejectedText rejected -> rejected.reason();
				case UnrecognizedPropertyException unknown ->
					"is not a field of this request" + DatabindPaths.knownFields(unknown.getKnownPropertyIds());
				case InvalidFormatException invalid when invalid.getTargetType() != null
						&& invalid.getTargetType().isEnum() ->
					"value " + DatabindPaths.quote(invalid.getValue()) + " is not allowed"
							+ DatabindPaths.allowedValues(invalid.getTargetType());
				case InvalidFormatException invalid -> "value " + DatabindPaths.quote(invalid.getValue())
						+ " is not allowed; " + DatabindPaths.expected(invalid.getTargetType());
				case MismatchedInputException mismatched -> DatabindPaths.expected(mismatched.getTargetType());
				default -> "has the wrong type or shape";
			};
			problem.setDetail(field + ": " + message);
			problem.setProperty("errors", List.of(new FieldError(field, message)));
		}
		else if (ex.getCause() instanceof InputCoercionException coercion && !coercion.getPath().isEmpty()) {
			String field = DatabindPaths.describe(coercion.getPath());
			String message = "is out of range";
			problem.setDetail(field + ": " + message);
			problem.setProperty("errors", List.of(new FieldError(field, message)));
		}
		else if (ex.getCause() instanceof JacksonException) {
			problem.setDetail("The request body is not valid JSON.");
		}
		else {
			problem.setDetail("A JSON request body is required.");
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		String message = "value " + DatabindPaths.quote(ex.getValue()) + " is not allowed"
				+ DatabindPaths.allowedValues(ex.getRequiredType());
		return invalid(List.of(new FieldError(ex.getName(), message)), new HttpHeaders(), request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
			.toList();
		return invalid(errors, new HttpHeaders(), request);
	}

	/** A concurrent change won the race between reading the version and writing. */
	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
				"The resource was changed by someone else meanwhile; fetch it again and retry.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.PRECONDITION_FAILED, request);
	}

	/**
	 * A constraint of the database caught what a check before it could not see, typically
	 * a concurrent change (two open cases for one person, one organisation added twice).
	 * A value the database cannot store at all (SQLSTATE class 22: a date out of its
	 * range, a NUL in text, text too long) is the client's input, not a concurrent
	 * change: validation should have named the field, and this keeps a gap in it from
	 * telling the client to retry.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> conflictingState(DataIntegrityViolationException ex, WebRequest request) {
		if (isDataException(ex)) {
			log.warn("Request refused by the database as invalid data: {}", ex.getMostSpecificCause().getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"A value in the request cannot be stored (a date or text outside what the service accepts).");
			problem.setTitle("Invalid request content");
			return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
		}
		log.info("Request refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The change conflicts with another change made at the same time; read the resource again and retry.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	private static boolean isDataException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The database cannot be had right now: every pooled connection is busy for longer
	 * than the pool waits, or the database does not answer. Nothing was changed, and the
	 * same request may well succeed shortly, so 503 with {@code Retry-After} rather than
	 * a 500 that tells the client the request itself is at fault.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			QueryTimeoutException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
		log.warn("No database for {}: {}", request.getDescription(false), ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service cannot reach its database right now. Try again in a few seconds; a POST sent again with"
						+ " the same Idempotency-Key cannot create anything twice.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		if (DatabaseFailures.lostConnection(ex)) {
			// the database went away in the middle of the request (a restart, a
			// failover):
			// Hibernate and the transaction manager wrap that in their own exceptions,
			// some of them generic, so it is told by the SQL state underneath
			return databaseUnavailable(ex, request);
		}
		log.error("Unexpected error answering {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed to answer; the error is logged with this request's X-Request-Id.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	private ResponseEntity<Object> invalid(List<FieldError> errors, HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Invalid request content");
		problem.setDetail(String.join("; ", errors.stream().map((e) -> e.field() + ": " + e.message()).toList()));
		problem.setProperty("errors", errors);
		return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
				HttpStatus.BAD_REQUEST, request);
	}

}
