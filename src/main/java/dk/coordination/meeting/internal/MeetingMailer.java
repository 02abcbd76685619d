package dk.coordination.meeting.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends {@link MeetingNotice}s by e-mail. The change a notice announces is already
 * committed when it is sent (the listeners run after commit, off the request), so no
 * failure here reaches the user who made the change. What happens to a failure depends on
 * what was sent:
 * <ul>
 * <li>nothing went out because the server could not be reached (down, refusing, timing
 * out, refusing the login): {@link NoticeNotSentException} propagates, the event
 * publication stays incomplete, and the notice is sent again later, whole;</li>
 * <li>the server refused single messages ({@link SendFailedException}, e.g. a 5xx for a
 * closed mailbox), or some messages went out before the connection broke: logged and not
 * retried, because a retry sends the whole notice again and the organisations that got it
 * would get it twice;</li>
 * <li>no mail server configured, or mail switched off: logged, nothing to retry.</li>
 * </ul>
 * <p>
 * Every recipient gets a message of their own rather than one message addressed to all.
 * SMTP servers reject single recipients (a mistyped or closed mailbox of one
 * organisation), and Jakarta Mail then refuses the whole message, so one bad address
 * would silence the notice for every organisation. Separate messages also keep a
 * reply-all from one organisation from reaching all the others.
 * <p>
 * Counted for monitoring: {@value #MAILS_SENT}, and {@value #MAILS_FAILED} per message
 * not delivered, tagged {@code retried} {@code true} (the notice is sent again later) or
 * {@code false} (dropped: an address refused or unparseable, or part of a notice that
 * partly went out). A notice held back for want of a mail server is not a failure.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
class MeetingMailer {

	private static final Logger logger = LoggerFactory.getLogger(MeetingMailer.class);

	private static final String INVITATION_FILE_NAME = "invitation.ics";

	private final ObjectProvider<JavaMailSender> senders;

	static final String MAILS_SENT = "coordination.mails.sent";

	static final String MAILS_FAILED = "coordination.mails.failed";

	private final MailProperties properties;

	private final Counter sent;

	private final Counter retried;

	private final Counter dropped;

	MeetingMailer(ObjectProvider<JavaMailSender> senders, MailProperties properties, MeterRegistry meters) {
		this.senders = senders;
		this.properties = properties;
		this.sent = Counter.builder(MAILS_SENT).description("Notice mails the SMTP server took").register(meters);
		this.retried = failed(meters, true);
		this.dropped = failed(meters, false);
	}

	private static Counter failed(MeterRegistry meters, boolean retried) {
		return Counter.builder(MAILS_FAILED)
			.description("Notice mails not delivered; retried: whether the whole notice is sent again later")
			.tag("retried", Boolean.toString(retried))
			.register(meters);
	}

	void send(MeetingNotice notice) {
		List<String> recipients = (notice.recipients() != null) ? notice.recipients() : List.of();
		if (recipients.isEmpty()) {
			return;
		}
		if (!this.properties.enabled()) {
			logger.info("Meeting notice '{}' to {} recipient(s) not sent: coordination.mail.enabled is false",
					notice.subject(), recipients.size());
			return;
		}
		// Boot only creates a sender when spring.mail.host is set, which a development or
		// test installation may well leave out. The jar built for production (Spring AOT)
		// always has the sender, since conditions are settled at build time; there the
		// host is what tells whether one was configured
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null || (sender instanceof JavaMailSenderImpl impl && !StringUtils.hasText(impl.getHost()))) {
			logger.info("Meeting notice '{}' to {} recipient(s) not sent: no mail server (spring.mail.host)",
					notice.subject(), recipients.size());
			return;
		}
		List<MimeMessage> messages = new ArrayList<>(recipients.size());
		for (String recipient : recipients) {
			try {
				messages.add(message(sender, notice, recipient));
			}
			catch (MessagingException ex) {
				// typically an address that does not parse: the others still get theirs
				this.dropped.increment();
				logger.warn("Meeting notice '{}' not sent to one of {} recipient(s): {}", notice.subject(),
						recipients.size(), ex.getMessage());
			}
		}
		if (messages.isEmpty()) {
			return;
		}
		try {
			// one call, so the sender delivers them all over a single SMTP connection
			sender.send(messages.toArray(MimeMessage[]::new));
			this.sent.increment(messages.size());
		}
		catch (MailSendException ex) {
			Map<Object, Exception> failed = ex.getFailedMessages();
			// a sender need not say which messages failed; then none is known to have
			// gone out
			int delivered = failed.isEmpty() ? 0 : messages.size() - failed.size();
			boolean unreachable = failed.isEmpty()
					|| failed.values().stream().anyMatch((cause) -> !(cause instanceof SendFailedException));
			if (delivered == 0 && unreachable) {
				this.retried.increment(messages.size());
				throw new NoticeNotSentException(notice, recipients.size(), ex);
			}
			this.sent.increment(delivered);
			this.dropped.increment(messages.size() - delivered);
			logger.warn("Meeting notice '{}' not sent to {} of {} recipient(s); not retried, {} got it",
					notice.subject(), messages.size() - delivered, recipients.size(), delivered, ex);
		}
		catch (MailException ex) {
			// authentication or connection set-up failed before anything went out
			this.retried.increment(messages.size());
			throw new NoticeNotSentException(notice, recipients.size(), ex);
		}
	}

	private MimeMessage message(JavaMailSender sender, MeetingNotice notice, String recipient)
			throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		boolean withInvitation = notice.invitation() != null;
		// mixed rather than Spring's default mixed/related: the invitation is a plain
		// attachment next to the text, and there is nothing inline for "related"
		MimeMessageHelper helper = new MimeMessageHelper(message,
				withInvitation ? MimeMessageHelper.MULTIPART_MODE_MIXED : MimeMessageHelper.MULTIPART_MODE_NO,
				StandardCharsets.UTF_8.name());
		helper.setFrom(this.properties.from());
		helper.setTo(recipient);
		helper.setSubject(notice.subject());
		helper.setText(notice.text(), false);
		if (withInvitation) {
			// the method parameter (RFC 6047) and the .ics name are what make calendar
			// clients offer to add or cancel the meeting instead of showing a file
			helper.addAttachment(INVITATION_FILE_NAME,
					new ByteArrayResource(notice.invitation().getBytes(StandardCharsets.UTF_8)),
					calendarContentType(notice.calendarMethod()));
		}
		return message;
	}

	private static String calendarContentType(String method) {
		String contentType = "text/calendar; charset=UTF-8";
		return (method == null || method.isBlank()) ? contentType : contentType + "; method=" + method.strip();
	}

	/**
	 * Nothing of the notice went out and trying again later may work: thrown so the event
	 * publication registry keeps the event and it is resubmitted.
	 */
	static class NoticeNotSentException extends RuntimeException {

		NoticeNotSentException(MeetingNotice notice, int recipients, Exception cause) {
			super("Meeting notice '" + notice.subject() + "' to " + recipients
					+ " recipient(s) not sent, the mail server was not reached; it is retried later", cause);
		}

	}

}
