package dk.coordination.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A date or time a person could mean for this service: a meeting, a due date, a
 * follow-up. Years like {@code +999999999} parse, but overflow the arithmetic done on
 * them and cannot be stored in PostgreSQL, so they are refused as a 400 naming the field
 * instead of failing later. Applies to {@code LocalDate}, {@code OffsetDateTime} and
 * {@code Instant}; {@code null} is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = PlausibleDateValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
		ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

	/** First allowed year. */
	int from() default 2000;

	/** Last allowed year. */
	int to() default 2100;

	String message() default "must be between {from}-01-01 and {to}-12-31";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
