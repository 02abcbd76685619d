package dk.coordination.web.internal;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Reads request bodies strictly. Jackson's defaults guess what a client meant: {@code 0}
 * becomes the first enum constant (whose order is no contract), {@code "true"} a boolean,
 * {@code 12} a string, {@code 1.9} the integer 1, {@code ""} a missing id and a number a
 * date. A guess turns a client's bug into stored data, so each of these is a 400 naming
 * the field instead.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	// for each kind of value, the JSON shapes that are a client's bug rather than a value
	private static final Map<LogicalType, List<CoercionInputShape>> REFUSED = Map.of(LogicalType.Enum,
			List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString),
			LogicalType.Boolean,
			List.of(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float,
					CoercionInputShape.EmptyString),
			LogicalType.Integer,
			List.of(CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean,
					CoercionInputShape.EmptyString),
			LogicalType.Float,
			List.of(CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString),
			LogicalType.DateTime,
			List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString),
			LogicalType.OtherScalar, List.of(CoercionInputShape.EmptyString));

	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return StrictJsonConfiguration::strict;
	}

	/**
	 * Request bodies are also refused when they carry a field the request does not have:
	 * a misspelt optional field ({@code "nextFollowup"}) would otherwise be dropped
	 * silently and the decision saved without it. Only the HTTP converter reads this
	 * strictly; the service's own mapper keeps reading stored JSON (published agendas,
	 * event publications) that an older version wrote with fields since removed. Ordered
	 * last so it replaces the JSON converter Boot configured.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer strictRequestFields(JsonMapper jsonMapper) {
		JsonMapper requests = jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		return (builder) -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(requests));
	}

	static void strict(JsonMapper.Builder builder) {
		builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
		REFUSED.forEach((type, shapes) -> builder.withCoercionConfig(type,
				(config) -> shapes.forEach((shape) -> config.setCoercion(shape, CoercionAction.Fail))));
		builder.addModule(new SimpleModule("strict-input").addDeserializer(String.class, new InputTextDeserializer())
			.setDeserializerModifier(DateTimeAsText.modifier()));
	}

}
