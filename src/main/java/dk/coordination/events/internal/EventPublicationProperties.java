package dk.coordination.events.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When failed events are retried and how long completed ones are kept.
 *
 * @param retryInterval how often failed publications are looked for and resubmitted
 * @param retryAfter how old a publication must be before it is resubmitted, so an event
 * still being handled elsewhere is left alone
 * @param keepCompleted how long a completed publication stays in
 * {@code event_publication} (useful to see what was sent) before it is deleted
 */
@ConfigurationProperties("coordination.events")
record EventPublicationProperties(@DefaultValue("5m") Duration retryInterval, @DefaultValue("5m") Duration retryAfter,
		@DefaultValue("7d") Duration keepCompleted) {
}
