package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dk.coordination.casework.DueWorkFound;
import dk.coordination.web.DanishTime;

/**
 * Once a day, finds per unit what has become due (follow-ups, overdue tasks, reviews) and
 * tells the secretariat. When the service runs as several instances, ShedLock's row in
 * {@code shedlock} lets exactly one of them run it; holding the lock for at least ten
 * minutes keeps an instance whose clock is a little behind from running it again the same
 * morning.
 */
@Component
@EnableScheduling
class DueWorkJob {

	static final String LOCK_NAME = "due-work";

	private static final Logger log = LoggerFactory.getLogger(DueWorkJob.class);

	private final JdbcClient jdbc;

	private final LockingTaskExecutor locks;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DueWorkJob(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.locks = locks(dataSource);
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * ShedLock on table {@code shedlock}, by the database's clock: the jobs of this
	 * module (this one and {@link CprKeyRotation}) run on one instance at a time.
	 */
	static LockingTaskExecutor locks(DataSource dataSource) {
		return new DefaultLockingTaskExecutor(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()));
	}

	@Scheduled(cron = "${coordination.casework.due-work-cron:0 0 6 * * *}", zone = "Europe/Copenhagen")
	void daily() {
		runOnce();
	}

	/**
	 * Runs the job unless another instance holds the lock.
	 * @return whether this call ran it
	 */
	boolean runOnce() {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME, Duration.ofMinutes(30),
				Duration.ofMinutes(10));
		try {
			return this.locks.executeWithLock(() -> {
				findDueWork();
				return true;
			}, lock).wasExecuted();
		}
		catch (Throwable ex) {
			log.error("The daily due-work job failed", ex);
			return false;
		}
	}

	private void findDueWork() {
		List<DueWorkFound> found = dueWork(LocalDate.now(this.clock.withZone(DanishTime.ZONE)));
		// published in a transaction so the event publication registry keeps them until
		// mailed
		this.transactions.executeWithoutResult((status) -> found.stream()
			.filter((work) -> work.dueFollowUps() + work.overdueTasks() + work.dueReviews() > 0)
			.forEach(this.events::publishEvent));
		log.info("Due work found: {}", found);
	}

	/**
	 * What is due on {@code day} per unit, counted from {@code due_work}: the rule the
	 * follow-up list shows and the agenda proposal drafts from.
	 */
	List<DueWorkFound> dueWork(LocalDate day) {
		return this.jdbc.sql("""
				select u.code,
				  count(d.kind) filter (where d.kind = 'CASE_FOLLOW_UP') as follow_ups,
				  count(d.kind) filter (where d.kind = 'OVERDUE_TASK') as tasks,
				  count(d.kind) filter (where d.kind = 'REVIEW_DUE') as reviews
				from coordination_unit u left join due_work d on d.unit_code = u.code and d.due_on <= :day
				group by u.code order by u.code
				""")
			.param("day", day)
			.query((rs, row) -> new DueWorkFound(rs.getString("code"), day, rs.getInt("follow_ups"), rs.getInt("tasks"),
					rs.getInt("reviews")))
			.list();
	}

}
