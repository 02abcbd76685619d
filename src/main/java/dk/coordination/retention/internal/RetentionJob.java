package dk.coordination.retention.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;

/**
 * Runs retention every night as of the Danish date, on one instance (the run's lock).
 */
@Component
@EnableScheduling
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final RetentionRun run;

	private final Clock clock;

	RetentionJob(RetentionRun run, Clock clock) {
		this.run = run;
		this.clock = clock;
	}

	@Scheduled(cron = "${coordination.retention.schedule:0 30 2 * * *}", zone = "Europe/Copenhagen")
	void nightly() {
		try {
			this.run.run(LocalDate.now(this.clock.withZone(DanishTime.ZONE)), CurrentUser.SYSTEM);
		}
		catch (ErrorResponseException ex) {
			log.info("Retention skipped: another instance is running it");
		}
		catch (RuntimeException ex) {
			log.error("The nightly retention run failed; it is tried again tomorrow", ex);
		}
	}

}
