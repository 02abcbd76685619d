package dk.coordination.meeting.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How meeting notices are e-mailed. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*}; without {@code spring.mail.host} nothing is sent at all.
 *
 * @param from sender address of every notice; an address of the unit, never of a person,
 * since the notice must not point to individual case workers
 * @param enabled false keeps notices from leaving the service even when a mail server is
 * configured, e.g. on a test installation that shares the production relay
 */
@Validated
@ConfigurationProperties("coordination.mail")
record MailProperties(@DefaultValue("koordineringsenheden@example.invalid") @NotBlank @Email String from,
		@DefaultValue("true") boolean enabled) {
}
