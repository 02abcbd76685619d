package dk.coordination.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import dk.coordination.casework.CaseStoryIntegrationTests;
import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.FreePorts;
import dk.coordination.support.ServiceProcess;
import dk.coordination.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service, each a process of its own, on one PostgreSQL, as the
 * Deployment in deploy/kubernetes runs them: the daily job runs on one of them, an event
 * is handled once even when its mail failed and an instance restarted meanwhile, a web
 * session started on one is served by the other, and an ETag from one is honoured by the
 * other. A database and a mail server of their own, so nothing another test did counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIntegrationTests {

	private static final Pattern DUE_WORK_RUN = Pattern.compile("Due work found: ");

	private static final String PUBLISHED = "Dagsorden offentliggjort (version 1)";

	private final Path directory = Path.of("target", "two-instances-postgres-" + UUID.randomUUID()).toAbsolutePath();

	private final int smtpPort = FreePorts.pick();

	private EmbeddedDatabase database;

	private ServiceProcess first;

	private ServiceProcess second;

	private Map<String, Object> settings;

	/** What instances that were restarted wrote before. */
	private final StringBuilder earlierLogs = new StringBuilder();

	@BeforeAll
	void start() {
		this.database = EmbeddedDatabase.persistent(this.directory, FreePorts.pick());
		this.settings = new LinkedHashMap<>();
		this.settings.put("spring.mail.host", "127.0.0.1");
		this.settings.put("spring.mail.port", this.smtpPort);
		// both instances' schedulers fire every 2 s; the lock lets one run the job, then
		// holds it ten minutes, so in this test it runs exactly once
		this.settings.put("coordination.casework.due-work-cron", "*/2 * * * * *");
		this.settings.put("coordination.events.retry-interval", "2s");
		this.settings.put("coordination.events.retry-after", "2s");
		this.settings.put("logging.level.net.javacrumbs.shedlock", "debug");
		// the first migrates the schema, the second waits on Flyway's lock and finds it
		// done
		CompletableFuture<ServiceProcess> one = CompletableFuture
			.supplyAsync(() -> ServiceProcess.start("first", this.database, this.settings));
		CompletableFuture<ServiceProcess> two = CompletableFuture
			.supplyAsync(() -> ServiceProcess.start("second", this.database, this.settings));
		this.first = one.join();
		this.second = two.join();
	}

	@AfterAll
	void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.first, this.second, this.database }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

	@Test
	void anEventWhoseMailFailedIsMailedOnceThoughAnInstanceRestartedAndBothRetry() throws Exception {
		Api api = this.first.api();
		String meeting = plannedMeetingWithAgenda(api);
		String etag = api.as("sekretariat").get(meeting).header("ETag").orElseThrow();
		List<MimeMessage> received;
		try (StalledSmtp stalled = new StalledSmtp(this.smtpPort)) {
			// SMTP down (it takes the connection and never greets): the request does not
			// wait for it, the mail goes after commit, off the request
			long start = System.nanoTime();
			Api.Response published = api.as("sekretariat")
				.header("If-Match", etag)
				.post(meeting + "/agenda/publish", Map.of());
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(published.status()).as(published.toString()).isEqualTo(200);
			// the invitation waits on the mail server (10 s read timeout), the request
			// not
			assertThat(millis).as("publishing with the mail server stalled, ms").isLessThan(2000);
			this.first.await("mailing", Duration.ofSeconds(30), stalled::connected);

			// a rolling restart meanwhile: the restarted instance's start-up republish
			// must not send what the other is about to retry
			this.second.close();
			this.earlierLogs.append(this.second.log());
			this.second = ServiceProcess.start("second-restarted", this.database, this.settings);
		}
		GreenMail mail = new GreenMail(new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		try {
			JdbcTemplate jdbc = new JdbcTemplate(this.database.ownerDataSource());
			this.first.await("done with every event", Duration.ofSeconds(90),
					() -> jdbc.queryForObject("select count(*) from event_publication where completion_date is null",
							Integer.class) == 0);
			received = new ArrayList<>(Arrays.asList(mail.getReceivedMessages()));
		}
		finally {
			mail.stop();
		}

		List<String> recipients = received.stream()
			.filter((message) -> subject(message).startsWith(PUBLISHED))
			.map(TwoInstancesIntegrationTests::recipient)
			.toList();
		assertThat(recipients).as("invitations sent, once each")
			.containsExactlyInAnyOrder("kbh-politi@example.invalid", "kk-buf@example.invalid");

		// by now both schedulers have fired many times: one run between them
		String logs = this.earlierLogs + this.first.log() + this.second.log();
		assertThat(DUE_WORK_RUN.matcher(logs).results().count()).as("runs of the daily job").isEqualTo(1);
		assertThat(logs).as("an instance that found the job locked").contains("Not executing 'due-work'. It's locked.");
	}

	@Test
	void aWebSessionStartedOnOneIsServedByTheOther() {
		WebSession session = WebSession.loggedIn(this.first.port(), "sekretariat");

		WebSession.Page onTheOther = session.get("http://localhost:" + this.second.port() + "/");

		assertThat(onTheOther.status()).isEqualTo(200);
		assertThat(onTheOther.uri().getPort()).as("not sent to log in again").isEqualTo(this.second.port());
		assertThat(onTheOther.html()).contains("Velkommen, sekretariat", "Log af");
	}

	@Test
	void anETagFromOneIsHonouredByTheOther() {
		String caseId = newCase(this.first.api());
		String etag = this.first.api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();

		Api.Response moved = this.second.api()
			.as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions", CaseStoryIntegrationTests.transition("SCREENING", null));
		Api.Response stale = this.first.api()
			.as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions",
					CaseStoryIntegrationTests.transition("AWAITING_MEETING", null));

		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
	}

	/** A new case sent by BUF; the receipt names the referral, the database its case. */
	private String newCase(Api api) {
		Api.Response receipt = api.as("buf")
			.post("/api/referrals", CaseStoryIntegrationTests.referral(FakeCpr.next(), "OTHER"));
		assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
		return new JdbcTemplate(this.database.ownerDataSource()).queryForObject(
				"select case_id::text from referral where id = ?::uuid", String.class, receipt.text("/referralId"));
	}

	private String plannedMeetingWithAgenda(Api api) {
		String caseId = newCase(api);
		for (String to : List.of("SCREENING", "AWAITING_MEETING")) {
			String etag = api.as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
			Api.Response moved = api.as("sekretariat")
				.header("If-Match", etag)
				.post("/api/cases/" + caseId + "/transitions", CaseStoryIntegrationTests.transition(to, null));
			assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", "KBH");
		body.put("startsAt", "2027-10-07T09:00:00+02:00");
		body.put("durationMinutes", 120);
		body.put("location", "Københavns Rådhus, mødelokale 3");
		body.put("invited", List.of("KBH-POLITI", "KK-BUF"));
		Api.Response planned = api.as("sekretariat").post("/api/meetings", body);
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		String meeting = "/api/meetings/" + planned.text("/meetingId");
		String etag = api.as("sekretariat").get(meeting).header("ETag").orElseThrow();
		Api.Response proposal = api.as("sekretariat")
			.header("If-Match", etag)
			.post(meeting + "/agenda/proposal", Map.of());
		assertThat(proposal.status()).as(proposal.toString()).isEqualTo(200);
		return meeting;
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getRecipients(Message.RecipientType.TO)[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A mail server that has stopped answering: it takes connections and never says a
	 * word, so the sender waits for its greeting until the read timeout.
	 */
	private static final class StalledSmtp implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> connections = new ArrayList<>();

		StalledSmtp(int port) throws IOException {
			this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket connection = this.server.accept();
						synchronized (this.connections) {
							this.connections.add(connection);
						}
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "stalled-smtp");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		/** Whether a sender has connected. */
		boolean connected() {
			synchronized (this.connections) {
				return !this.connections.isEmpty();
			}
		}

		@Override
		public void close() {
			try {
				this.server.close();
				synchronized (this.connections) {
					for (Socket connection : this.connections) {
						connection.close();
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
