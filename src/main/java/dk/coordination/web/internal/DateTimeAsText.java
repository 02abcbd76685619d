package dk.coordination.web.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Reads dates and times from ISO text only. Jackson also takes a number (epoch seconds or
 * days) or an array ({@code [2027, 3, 4]}); a client sending those has a bug, and the
 * guess would store a date it did not mean (1700000000 is a plausible meeting in 2023).
 */
final class DateTimeAsText extends DelegatingDeserializer {

	private static final Set<Class<?>> DATE_TIMES = Set.of(LocalDate.class, LocalDateTime.class, OffsetDateTime.class,
			ZonedDateTime.class, Instant.class);

	DateTimeAsText(ValueDeserializer<?> delegate) {
		super(delegate);
	}

	static ValueDeserializerModifier modifier() {
		return new ValueDeserializerModifier() {

			private static final long serialVersionUID = 1L;

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				return DATE_TIMES.contains(description.getBeanClass()) ? new DateTimeAsText(deserializer)
						: deserializer;
			}

		};
	}

	@Override
	protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
		return new DateTimeAsText(delegate);
	}

	@Override
	public Object deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return context.handleUnexpectedToken(handledType(), parser);
		}
		return super.deserialize(parser, context);
	}

}
