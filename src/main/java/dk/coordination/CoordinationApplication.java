package dk.coordination;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CoordinationApplication {

	public static void main(String[] args) {
		SpringApplication.run(CoordinationApplication.class, args);
	}

	/**
	 * The one clock every module reads "now" and "today" from, so tests can set the day
	 * instead of planning meetings months ahead. Declared here rather than in a module so
	 * module tests, which bootstrap only some modules, have it too.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Bean validation's {@code @FutureOrPresent} and friends read the same clock, so a
	 * test that sets the day sets it for the validation of dates too.
	 */
	@Bean
	ValidationConfigurationCustomizer validationClock(ObjectProvider<Clock> clock) {
		return (configuration) -> configuration.clockProvider(() -> clock.getObject());
	}

}
