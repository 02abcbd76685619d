package dk.coordination;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

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
	 * The one ShedLock executor every job that must run on one instance at a time takes
	 * its lock from (table {@code shedlock}): the event publications' upkeep, the daily
	 * due-work job, retention, CPR key rotation. The database's clock decides when a lock
	 * ends, so instances whose clocks differ a little still agree. Declared here, like
	 * the clock, so module tests have it too.
	 */
	@Bean
	LockingTaskExecutor jobLocks(DataSource dataSource) {
		return new DefaultLockingTaskExecutor(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()));
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
