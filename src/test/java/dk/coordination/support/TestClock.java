package dk.coordination.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dk.coordination.web.DanishTime;

/**
 * The service's clock in integration tests: the real time until a test sets a day, so a
 * test of what falls due can say "today is 1 March 2027" instead of planning months
 * ahead. Integration tests share one application context, so a test that sets the clock
 * resets it when done ({@link #reset()} in an {@code @AfterEach}).
 */
public final class TestClock extends Clock {

	private static final AtomicReference<Instant> FIXED = new AtomicReference<>();

	/** From now on the service's "now" is {@code instant}. */
	public static void setNow(Instant instant) {
		FIXED.set(instant);
	}

	/** From now on it is this Danish day, at noon. */
	public static void setToday(LocalDate day) {
		setNow(day.atTime(12, 0).atZone(DanishTime.ZONE).toInstant());
	}

	/** The service's "now": the set instant, or the real time. */
	public static Instant now() {
		Instant fixed = FIXED.get();
		return (fixed != null) ? fixed : Instant.now();
	}

	/**
	 * The Danish day the service sees, so a test's "today" and the service's never
	 * disagree, not even around midnight or while a test has set the day.
	 */
	public static LocalDate today() {
		return LocalDate.ofInstant(now(), DanishTime.ZONE);
	}

	/** Back to the real time. */
	public static void reset() {
		FIXED.set(null);
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("UTC");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return TestClock.this.withZone(other);
			}

			@Override
			public Instant instant() {
				return TestClock.this.instant();
			}

		};
	}

	@Override
	public Instant instant() {
		return now();
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		Clock testClock() {
			return new TestClock();
		}

	}

}
