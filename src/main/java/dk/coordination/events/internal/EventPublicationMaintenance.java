package dk.coordination.events.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Retries failed event publications, republishes unfinished ones at start-up, and deletes
 * old completed ones, each under one ShedLock lock so that with several instances only
 * one does it at a time.
 * <p>
 * Spring Modulith's own {@code republish-outstanding-events-on-restart} is off: it makes
 * every instance republish everything incomplete whenever it starts, including events
 * another instance is handling at that moment, so a rolling restart of three instances
 * could send one mail three times. Here the start-up republish takes the lock and leaves
 * publications younger than {@code retryAfter} alone.
 * <p>
 * Resubmission hands the event to its listener again (asynchronously, like the first
 * time); a publication is claimed by a conditional update before that, so two instances
 * never resubmit the same one.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(EventPublicationProperties.class)
class EventPublicationMaintenance implements SchedulingConfigurer {

	static final String LOCK_NAME = "event-publications";

	private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

	// resubmitting only claims and dispatches; the listeners run afterwards, outside the
	// lock, so a run that holds it for minutes has hung
	private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

	private final FailedEventPublications failed;

	private final IncompleteEventPublications incomplete;

	private final CompletedEventPublications completed;

	private final EventPublicationProperties properties;

	private final LockingTaskExecutor locks;

	private final Clock clock;

	EventPublicationMaintenance(FailedEventPublications failed, IncompleteEventPublications incomplete,
			CompletedEventPublications completed, EventPublicationProperties properties, LockingTaskExecutor locks,
			Clock clock) {
		this.failed = failed;
		this.incomplete = incomplete;
		this.completed = completed;
		this.properties = properties;
		this.clock = clock;
		this.locks = locks;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::maintain, this.properties.retryInterval(), this.properties.retryInterval()));
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		republishUnfinished();
	}

	/**
	 * At start-up: resubmits every incomplete publication older than {@code retryAfter},
	 * failed or left unfinished when an instance stopped, and deletes old completed ones.
	 * @return whether this call ran it (false when another instance holds the lock)
	 */
	boolean republishUnfinished() {
		return locked("republishing unfinished event publications", () -> {
			this.incomplete.resubmitIncompletePublicationsOlderThan(this.properties.retryAfter());
			deleteOldCompleted();
		});
	}

	/**
	 * Every {@code retryInterval}: resubmits failed publications older than
	 * {@code retryAfter} and deletes old completed ones.
	 * @return whether this call ran it
	 */
	boolean maintain() {
		return retryFailed(this.properties.retryAfter());
	}

	/**
	 * Resubmits failed publications at least {@code minAge} old, then deletes completed
	 * ones older than {@code keepCompleted}.
	 * @return whether this call ran it
	 */
	boolean retryFailed(Duration minAge) {
		return locked("retrying failed event publications", () -> {
			Instant cutoff = this.clock.instant().minus(minAge);
			// the filter repeats the minimum age because Spring Modulith 2.1.1's JDBC
			// repository ignores it (spring-modulith#1942)
			this.failed.resubmit(ResubmissionOptions.defaults()
				.withMinAge(minAge)
				.withFilter((publication) -> !publication.getPublicationDate().isAfter(cutoff)));
			deleteOldCompleted();
		});
	}

	private void deleteOldCompleted() {
		this.completed.deletePublicationsOlderThan(this.properties.keepCompleted());
	}

	private boolean locked(String what, Runnable task) {
		Duration atLeast = this.properties.retryInterval().dividedBy(2);
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME,
				(atLeast.compareTo(LOCK_AT_MOST) > 0) ? atLeast : LOCK_AT_MOST, atLeast);
		try {
			return this.locks.executeWithLock(() -> {
				task.run();
				return true;
			}, lock).wasExecuted();
		}
		catch (Throwable ex) {
			// the next run tries again; failing the scheduler thread would not help
			log.error("Failed {}", what, ex);
			return false;
		}
	}

}
