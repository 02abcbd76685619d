package dk.coordination.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link PlausibleDate} on the year as written, so the check itself does no
 * arithmetic that an extreme value could overflow.
 */
final class PlausibleDateValidator implements ConstraintValidator<PlausibleDate, Temporal> {

	private int from;

	private int to;

	@Override
	public void initialize(PlausibleDate annotation) {
		this.from = annotation.from();
		this.to = annotation.to();
	}

	@Override
	public boolean isValid(Temporal value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		if (value instanceof LocalDate date) {
			return inRange(date.getYear());
		}
		if (value instanceof OffsetDateTime dateTime) {
			return inRange(dateTime.getYear());
		}
		if (value instanceof Instant instant) {
			return !instant.isBefore(LocalDate.of(this.from, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC))
					&& instant.isBefore(LocalDate.of(this.to + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
		}
		throw new IllegalArgumentException("@PlausibleDate does not apply to " + value.getClass().getName());
	}

	private boolean inRange(int year) {
		return year >= this.from && year <= this.to;
	}

}
