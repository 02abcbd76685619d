package dk.coordination;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.coordination.support.Api;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.FreePorts;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.WebSession;

/**
 * Base of the integration tests: one embedded PostgreSQL and one Keycloak per test JVM,
 * shared by every test class (and stopped when the JVM ends).
 */
@IntegrationTest
public abstract class IntegrationTestEnvironment {

	@LocalServerPort
	private int port;

	private Api api;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * A real SMTP server receiving the service's mail, shared by the test JVM like the
	 * database.
	 */
	protected static final GreenMail MAIL = startMail();

	private static GreenMail startMail() {
		GreenMail mail = new GreenMail(new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
		return mail;
	}

	/**
	 * The received mails that match, waiting on GreenMail's arrival signal (up to 20 s)
	 * until {@code expected} of them are there; fewer when they did not come. GreenMail
	 * lists messages per mailbox, not in order of arrival, and other tests' mails arrive
	 * meanwhile, so callers match on content rather than position.
	 */
	protected static List<MimeMessage> awaitMails(Predicate<MimeMessage> matching, int expected) {
		long deadline = System.currentTimeMillis() + 20_000;
		while (true) {
			MimeMessage[] all = MAIL.getReceivedMessages();
			List<MimeMessage> found = Arrays.stream(all).filter(matching).toList();
			if (found.size() >= expected || System.currentTimeMillis() > deadline) {
				return found;
			}
			MAIL.waitForIncomingEmail(1_000, all.length + 1);
		}
	}

	/** The mail's subject; a test helper, so a broken message fails the test. */
	protected static String subjectOf(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
		EmbeddedDatabase.supplyShared(registry);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> KeycloakServer.shared().issuerUri());
	}

	/**
	 * The case a submitted referral went to. The submitter's receipt deliberately does
	 * not say (intake must not reveal whether the person had a case), so tests that go on
	 * to work the case look it up, as the secretariat would find it in its list.
	 */
	protected String caseIdOf(Api.Response receipt) {
		if (receipt.status() != 201) {
			throw new IllegalStateException("Not a receipt: " + receipt);
		}
		return this.jdbc.sql("select case_id from referral where id = ?")
			.param(UUID.fromString(receipt.text("/referralId")))
			.query(UUID.class)
			.single()
			.toString();
	}

	/**
	 * A case of a new fictional person, sent by BUF and moved by the model 1 secretariat
	 * to AWAITING_MEETING, so an agenda proposal takes it up.
	 */
	protected String caseAwaitingMeeting(boolean urgent) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("cpr", FakeCpr.next());
		subject.put("name", "Testperson Fiktiv");
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("unit", "KBH");
		referral.put("subject", subject);
		referral.put("concern", "Fiktiv bekymring til test.");
		referral.put("category", "OTHER");
		referral.put("legalBasis", "RETSPLEJELOVEN_115");
		referral.put("urgent", urgent);
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral));
		for (String to : List.of("SCREENING", "AWAITING_MEETING")) {
			String etag = api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
			Api.Response moved = api().as("sekretariat")
				.header("If-Match", etag)
				.post("/api/cases/" + caseId + "/transitions", Map.of("to", to, "reason", "Til mødet"));
			if (moved.status() != 200) {
				throw new IllegalStateException("Could not move the case: " + moved);
			}
		}
		return caseId;
	}

	/**
	 * A web session logged in as a demo user through Keycloak's login page, for testing
	 * the pages over real HTTP.
	 */
	protected WebSession web(String username) {
		return WebSession.loggedIn(this.port, username);
	}

	/** A web session that has not logged in. */
	protected WebSession anonymousWeb() {
		return WebSession.anonymous(this.port);
	}

	protected int port() {
		return this.port;
	}

	protected JdbcClient jdbc() {
		return this.jdbc;
	}

	protected Api api() {
		if (this.api == null) {
			this.api = new Api("http://127.0.0.1:" + this.port, KeycloakServer.shared());
		}
		return this.api;
	}

}
