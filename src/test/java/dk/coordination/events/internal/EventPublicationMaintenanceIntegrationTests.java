package dk.coordination.events.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.casework.DueWorkFound;
import dk.coordination.support.FreePorts;
import dk.coordination.support.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notice the mail server could not take is kept and sent by the retry, once; the
 * start-up republish runs on one instance; completed publications are deleted after the
 * configured time.
 */
class EventPublicationMaintenanceIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private EventPublicationMaintenance maintenance;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private JavaMailSenderImpl mailSender;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	@Test
	void aNoticeTheMailServerCouldNotTakeIsRetriedAndArrivesOnce() {
		// a day no other test's notice is about, so its subject is this test's alone
		LocalDate day = LocalDate.of(2031, 2, 3);
		String subject = "Opfølgning " + day + ": ";
		int port = this.mailSender.getPort();
		this.mailSender.setPort(FreePorts.pick());
		try {
			publish(new DueWorkFound("KBH", day, 1, 2, 3));
			await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(publication(day).get("status")));
		}
		finally {
			this.mailSender.setPort(port);
		}
		Map<String, Object> failed = publication(day);
		assertThat(failed.get("completion_date")).as("kept for a retry").isNull();
		assertThat(mails(subject)).as("nothing reached the mail server").isEmpty();

		unlock();
		assertThat(this.maintenance.retryFailed(Duration.ZERO)).isTrue();
		List<MimeMessage> arrived = awaitMails((mail) -> subjectOf(mail).startsWith(subject), 1);
		assertThat(arrived).as("the retried notice arrived").hasSize(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> publication(day).get("completion_date") != null);
		Map<String, Object> completed = publication(day);
		int attempts = (Integer) failed.get("completion_attempts");
		assertThat(completed).containsEntry("status", "COMPLETED").containsEntry("completion_attempts", attempts + 1);
		assertThat(mails(subject)).as("sent exactly once").hasSize(1);

		// a completed notice is not sent again by later retries
		unlock();
		assertThat(this.maintenance.retryFailed(Duration.ZERO)).isTrue();
		assertThat(publication(day)).containsEntry("status", "COMPLETED")
			.containsEntry("completion_attempts", attempts + 1)
			.containsEntry("last_resubmission_date", completed.get("last_resubmission_date"));
	}

	@Test
	void aFreshFailureIsLeftForLaterSoAnEventStillBeingHandledIsNotSentTwice() {
		LocalDate day = LocalDate.of(2031, 2, 4);
		int port = this.mailSender.getPort();
		this.mailSender.setPort(FreePorts.pick());
		try {
			publish(new DueWorkFound("KBH", day, 1, 0, 0));
			await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(publication(day).get("status")));
		}
		finally {
			this.mailSender.setPort(port);
		}

		Object attempts = publication(day).get("completion_attempts");
		unlock();
		// the scheduled run: retry-after (5 minutes) has not passed yet
		assertThat(this.maintenance.maintain()).isTrue();
		assertThat(publication(day)).containsEntry("status", "FAILED").containsEntry("completion_attempts", attempts);

		// tidy up, so no later test's retry sends this one
		unlock();
		assertThat(this.maintenance.retryFailed(Duration.ZERO)).isTrue();
		assertThat(awaitMails((mail) -> subjectOf(mail).startsWith("Opfølgning " + day + ": "), 1)).hasSize(1);
	}

	@Test
	void twoInstancesStartingTogetherRepublishOnce() throws Exception {
		unlock();
		assertThat(Race.of(2, () -> this.maintenance.republishUnfinished())).containsExactlyInAnyOrder(true, false);
		assertThat(this.maintenance.republishUnfinished()).as("an instance starting right after").isFalse();
		assertThat(this.maintenance.maintain()).as("the retry shares the lock").isFalse();
		unlock();
	}

	@Test
	void completedPublicationsAreDeletedAfterTheConfiguredTime() {
		Instant now = this.clock.instant();
		// keep-completed is 7 days (application.yml)
		UUID old = insertCompleted(now.minus(Duration.ofDays(8)));
		UUID recent = insertCompleted(now.minus(Duration.ofDays(6)));

		unlock();
		assertThat(this.maintenance.maintain()).isTrue();

		List<UUID> left = this.jdbc.sql("select id from event_publication where id in (?, ?)")
			.params(old, recent)
			.query(UUID.class)
			.list();
		assertThat(left).containsExactly(recent);
		this.jdbc.sql("delete from event_publication where id = ?").param(recent).update();
	}

	private UUID insertCompleted(Instant completed) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_date, status, completion_attempts)
				values (?, 'cleanup-test', 'java.lang.String', ?, ?, ?, 'COMPLETED', 1)
				""")
			.params(id, "\"" + id + "\"", Timestamp.from(completed.minusSeconds(1)), Timestamp.from(completed))
			.update();
		return id;
	}

	private void publish(DueWorkFound work) {
		// in a transaction, like the daily job: the registry stores it and the listener
		// runs after commit
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.events.publishEvent(work));
	}

	/** The secretariat notice's publication of the due work of {@code day}. */
	private Map<String, Object> publication(LocalDate day) {
		return this.jdbc.sql("""
				select status, completion_date, completion_attempts, last_resubmission_date from event_publication
				where event_type = 'dk.coordination.casework.DueWorkFound' and listener_id like '%SecretariatNotices%'
				  and serialized_event like ?
				""").param("%\"" + day + "\"%").query().singleRow();
	}

	private static List<MimeMessage> mails(String subject) {
		return java.util.Arrays.stream(MAIL.getReceivedMessages())
			.filter((mail) -> subjectOf(mail).startsWith(subject))
			.toList();
	}

	/**
	 * Releases a lock left by the start-up or an earlier call, which would make the next
	 * call skip. Released rather than deleted: ShedLock remembers that it created the row
	 * and from then on only updates it.
	 */
	private void unlock() {
		this.jdbc.sql("update shedlock set lock_until = locked_at where name = ?")
			.param(EventPublicationMaintenance.LOCK_NAME)
			.update();
	}

}
