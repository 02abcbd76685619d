package dk.coordination.meeting.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dk.coordination.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class MeetingMailerTests {

	// a fresh server on a free port for every test, so no test sees another's mail
	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private static final String FROM = "koordineringsenheden@example.invalid";

	private static final String SUBJECT = "Dagsorden offentliggjort: møde i Koordineringsenheden";

	private static final String TEXT = "Dagsordenen til mødet er offentliggjort.\n"
			+ "Læs den i sagssystemet; vedhæftede invitation kan føjes til kalenderen. Æ Ø Å.";

	// iCalendar lines end in CRLF (RFC 5545), which is also what survives SMTP unchanged
	private static final String INVITATION = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0",
			"PRODID:-//Koordineringsenheden//Moeder//DA", "METHOD:REQUEST", "BEGIN:VEVENT",
			"UID:7f1c2f36-3c52-4a55-9a53-0d6c1b0b3f10@coordination", "SEQUENCE:0", "DTSTAMP:20250102T080000Z",
			"DTSTART:20250115T090000Z", "DTEND:20250115T110000Z", "SUMMARY:Møde i Koordineringsenheden",
			"LOCATION:Rådhuset\\, lokale 2", "ORGANIZER;CN=Sekretariatet:mailto:" + FROM, "END:VEVENT", "END:VCALENDAR",
			"");

	private static final List<String> RECIPIENTS = List.of("politi@example.invalid", "kommune@example.invalid");

	private static final MeetingNotice NOTICE = new MeetingNotice(RECIPIENTS, SUBJECT, TEXT, INVITATION, "REQUEST");

	@Test
	void sendsTheNoticeWithItsInvitationToEveryRecipient() throws Exception {
		mailer(greenMailSender(), true).send(NOTICE);

		assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(2);
		assertThat(Arrays.stream(received).map(MeetingMailerTests::to)).containsExactlyInAnyOrderElementsOf(RECIPIENTS);
		for (MimeMessage message : received) {
			assertThat(message.getSubject()).isEqualTo(SUBJECT);
			assertThat(message.getFrom()).extracting(InternetAddress.class::cast)
				.extracting(InternetAddress::getAddress)
				.containsExactly(FROM);
			assertThat(message.getContent()).isInstanceOf(Multipart.class);
			Multipart parts = (Multipart) message.getContent();
			// the text and the invitation, nothing else
			assertThat(parts.getCount()).isEqualTo(2);

			BodyPart text = parts.getBodyPart(0);
			assertThat(new ContentType(text.getContentType()).getBaseType()).isEqualTo("text/plain");
			assertThat(lines(text.getContent())).isEqualTo(TEXT);

			BodyPart invitation = parts.getBodyPart(1);
			String contentType = MimeUtility.unfold(invitation.getContentType());
			assertThat(contentType).startsWith("text/calendar").contains("method=REQUEST");
			assertThat(new ContentType(contentType).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
			assertThat(invitation.getFileName()).isEqualTo("invitation.ics");
			assertThat(content(invitation)).isEqualTo(INVITATION);
		}
	}

	@Test
	void sendsPlainTextWhenThereIsNoInvitation() throws Exception {
		mailer(greenMailSender(), true)
			.send(new MeetingNotice(List.of("politi@example.invalid"), SUBJECT, TEXT, null, null));

		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage message = greenMail.getReceivedMessages()[0];
		assertThat(message.getSubject()).isEqualTo(SUBJECT);
		assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("text/plain");
		assertThat(lines(message.getContent())).isEqualTo(TEXT);
	}

	@Test
	void withoutAMailServerNothingIsSentAndNothingIsRetried(CapturedOutput output) {
		MeetingMailer mailer = new MeetingMailer(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
				new MailProperties(FROM, true), this.meters);

		// no exception: a service configured without mail is not failing, so the event
		// publication completes instead of being retried for ever
		assertThatNoException().isThrownBy(() -> mailer.send(NOTICE));
		assertThat(output)
			.contains("Meeting notice '" + SUBJECT + "' to 2 recipient(s) not sent: no mail server (spring.mail.host)");
	}

	@Test
	void aSenderWithoutAHostIsNoMailServerEither(CapturedOutput output) {
		// what the production jar (Spring AOT) has when SPRING_MAIL_HOST is not set: the
		// sender bean exists, since its condition was settled at build time
		JavaMailSenderImpl hostless = new JavaMailSenderImpl();

		assertThatNoException().isThrownBy(() -> mailer(hostless, true).send(NOTICE));
		assertThat(output)
			.contains("Meeting notice '" + SUBJECT + "' to 2 recipient(s) not sent: no mail server (spring.mail.host)");
	}

	@Test
	void whenDisabledNothingIsSent(CapturedOutput output) {
		mailer(greenMailSender(), false).send(NOTICE);

		assertThat(greenMail.waitForIncomingEmail(500, 1)).isFalse();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
		assertThat(output).contains("not sent: coordination.mail.enabled is false");
	}

	@Test
	void aMailServerThatCannotBeReachedFailsTheNoticeSoItIsRetriedWhole() throws Exception {
		JavaMailSenderImpl closed = sender(FreePorts.pick());

		assertThatThrownBy(() -> mailer(closed, true).send(NOTICE))
			.isInstanceOf(MeetingMailer.NoticeNotSentException.class)
			.hasMessage("Meeting notice '" + SUBJECT
					+ "' to 2 recipient(s) not sent, the mail server was not reached; it is retried later")
			.hasCauseInstanceOf(MailSendException.class);
		assertThat(failed(true)).isEqualTo(2);

		// the retry, once the server is back, sends the notice to everyone exactly once
		mailer(greenMailSender(), true).send(NOTICE);
		assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
		assertThat(greenMail.getReceivedMessages()).extracting(MeetingMailerTests::to)
			.containsExactlyInAnyOrderElementsOf(RECIPIENTS);
		assertThat(sent()).isEqualTo(2);
		assertThat(failed(false)).isZero();
	}

	@Test
	void aRecipientTheServerRejectsIsLoggedAndTheOthersAreNotMailedTwice(CapturedOutput output) throws Exception {
		JavaMailSenderImpl rejecting = greenMailSenderFailing("politi@example.invalid",
				new SendFailedException("550 5.1.1 Mailbox unavailable"));

		assertThatNoException().isThrownBy(() -> mailer(rejecting, true).send(NOTICE));
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessages()).extracting(MeetingMailerTests::to)
			.containsExactly("kommune@example.invalid");
		assertThat(output).contains("Meeting notice '" + SUBJECT + "' not sent to 1 of 2 recipient(s); not retried");
		assertThat(sent()).isEqualTo(1);
		assertThat(failed(false)).isEqualTo(1);
		assertThat(failed(true)).isZero();
	}

	@Test
	void aConnectionLostAfterSomeWentOutIsNotRetried() throws Exception {
		JavaMailSenderImpl breaking = greenMailSenderFailing("kommune@example.invalid",
				new MessagingException("Connection reset"));

		assertThatNoException().isThrownBy(() -> mailer(breaking, true).send(NOTICE));
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessages()).extracting(MeetingMailerTests::to)
			.containsExactly("politi@example.invalid");
	}

	@Test
	void everyRecipientRejectedIsNotRetriedEither() {
		JavaMailSenderImpl rejecting = greenMailSenderFailing("politi@example.invalid",
				new SendFailedException("550 5.1.1 Mailbox unavailable"));

		assertThatNoException().isThrownBy(() -> mailer(rejecting, true)
			.send(new MeetingNotice(List.of("politi@example.invalid"), SUBJECT, TEXT, null, null)));
	}

	@Test
	void theServiceGivesUpOnAnSmtpServerThatStalls() throws IOException {
		PropertySource<?> production = new YamlPropertySourceLoader()
			.load("application.yml", new ClassPathResource("application.yml"))
			.get(0);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(production))
			.withPropertyValues("spring.mail.host=smtp.example.invalid")
			.run((context) -> assertThat(context.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
				.containsEntry("mail.smtp.connectiontimeout", "5000")
				.containsEntry("mail.smtp.timeout", "10000")
				.containsEntry("mail.smtp.writetimeout", "10000"));
	}

	@Test
	void anAddressThatDoesNotParseDoesNotStopTheOthers() throws Exception {
		mailer(greenMailSender(), true)
			.send(new MeetingNotice(List.of("not an address@", "kommune@example.invalid"), SUBJECT, TEXT, null, null));

		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(greenMail.getReceivedMessages()).extracting(MeetingMailerTests::to)
			.containsExactly("kommune@example.invalid");
		assertThat(failed(false)).isEqualTo(1);
	}

	@Test
	void withoutRecipientsNothingIsSent() {
		mailer(greenMailSender(), true).send(new MeetingNotice(List.of(), SUBJECT, TEXT, INVITATION, "REQUEST"));

		assertThat(greenMail.waitForIncomingEmail(500, 1)).isFalse();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void defaultsToTheUnitsAddressAndSending() {
		MailProperties defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("coordination.mail",
				MailProperties.class);

		assertThat(defaults.from()).isEqualTo(FROM);
		assertThat(defaults.enabled()).isTrue();
	}

	private double sent() {
		return this.meters.get(MeetingMailer.MAILS_SENT).counter().count();
	}

	private double failed(boolean retried) {
		return this.meters.get(MeetingMailer.MAILS_FAILED).tag("retried", Boolean.toString(retried)).counter().count();
	}

	private MeetingMailer mailer(JavaMailSender sender, boolean enabled) {
		ObjectProvider<JavaMailSender> senders = new StaticListableBeanFactory(Map.of("mailSender", sender))
			.getBeanProvider(JavaMailSender.class);
		return new MeetingMailer(senders, new MailProperties(FROM, enabled), this.meters);
	}

	private static JavaMailSenderImpl greenMailSender() {
		return sender(greenMail.getSmtp().getPort());
	}

	/**
	 * Sends to GreenMail, except that the message to {@code recipient} fails with
	 * {@code failure}, the way Jakarta Mail reports a refused or broken delivery of one
	 * message; GreenMail itself accepts every recipient.
	 */
	private static JavaMailSenderImpl greenMailSenderFailing(String recipient, Exception failure) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl() {

			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				Map<Object, Exception> failed = new LinkedHashMap<>();
				for (MimeMessage message : messages) {
					if (to(message).equals(recipient)) {
						failed.put(message, failure);
					}
					else {
						super.doSend(new MimeMessage[] { message }, null);
					}
				}
				if (!failed.isEmpty()) {
					throw new MailSendException(failed);
				}
			}

		};
		sender.setHost("127.0.0.1");
		sender.setPort(greenMail.getSmtp().getPort());
		return sender;
	}

	private static JavaMailSenderImpl sender(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "2000");
		properties.setProperty("mail.smtp.timeout", "2000");
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private static String to(MimeMessage message) {
		try {
			return ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// SMTP carries text with CRLF line ends, whatever the sender wrote
	private static String lines(Object text) {
		return ((String) text).replace("\r\n", "\n");
	}

	private static String content(BodyPart part) throws MessagingException, IOException {
		try (var in = part.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
