package dk.coordination.events.internal;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one ShedLock executor every job that must run on one instance at a time takes its
 * lock from (table {@code shedlock}): the event publications' upkeep here, the daily
 * due-work job, retention. The database's clock decides when a lock ends, so instances
 * whose clocks differ a little still agree.
 */
@Configuration(proxyBeanMethods = false)
class JobLocks {

	@Bean
	LockingTaskExecutor jobLocks(DataSource dataSource) {
		return new DefaultLockingTaskExecutor(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()));
	}

}
