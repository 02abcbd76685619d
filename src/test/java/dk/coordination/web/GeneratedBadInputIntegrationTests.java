package dk.coordination.web;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated wrong requests against every endpoint that takes a body, found from Spring's
 * handler mappings so endpoints added later are covered without touching this test. Each
 * request starts from a plausible body built from the request record and breaks it: a
 * field of the wrong type, text that is not text, an absurd date, a huge value, garbage
 * in place of JSON, or a Content-Type that is not JSON; some also carry odd Accept or
 * If-Match headers. Every answer must be a 4xx problem, and no table may change.
 * <p>
 * The generator is seeded: a failure names the seed and the request, and the same seed
 * sends the same requests again.
 */
class GeneratedBadInputIntegrationTests extends IntegrationTestEnvironment {

	private static final long SEED = Long.getLong("badInput.seed", 7_2026_12_01L);

	private static final int REQUESTS_PER_ENDPOINT = 30;

	// placeholders for what Jackson would not write into a JSON string by itself
	private static final String LONE_SURROGATE = "@@LONE_SURROGATE@@";

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");

	// not JSON charsets: Jackson detects UTF-16 and UTF-32 by itself, and an ASCII body
	// is the same in ISO-8859-1, so a body so labelled may rightly be accepted
	private static final List<String> NOT_JSON_TYPES = List.of("application/*", "*/*", "text/*", "text/plain",
			"application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
			"multipart/form-data; boundary=x", "application/json; charset=nonsense", "garbage", "");

	private static final List<String> ODD_ACCEPTS = List.of("text/html", "image/png", "*/*", "application/xml",
			"garbage", "application/json;q=0");

	private static final List<String> ODD_IF_MATCHES = List.of("garbage", "*", "W/\"1\"", "\"\"",
			"\"" + "9".repeat(40) + "\"", "\"1\", \"2\", x");

	private static final List<String> NOT_JSON_BODIES = List.of("", "{", "[]", "null", "\"text\"", "12", "{\"a\":}",
			"{\"a\": 1,}", "{'a': 1}", "[".repeat(5000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void wrongBodiesAndHeadersAreRefusedAsProblemsAndChangeNothing() {
		BadInputFixture fixture = BadInputFixture.create(api(), this.jdbc);
		TableSnapshot.awaitQuiet(this.jdbc, fixture.createdFrom());
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).as("endpoints with a body").hasSizeGreaterThan(10);

		Map<String, String> before = TableSnapshot.of(this.jdbc);
		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		int sent = 0;
		for (Endpoint endpoint : endpoints) {
			for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
				WrongRequest wrong = wrongRequest(endpoint, random);
				String path = path(endpoint, fixture, random);
				Response response = send(endpoint, path, wrong);
				sent++;
				String failure = judge(response);
				if (failure != null) {
					failures.add(endpoint.method() + " " + path + " [" + wrong.description() + "] -> " + failure);
				}
			}
		}
		assertThat(failures).as("wrong requests answered badly (seed " + SEED + ", " + sent + " requests)").isEmpty();
		assertThat(TableSnapshot.of(this.jdbc)).as("tables after " + sent + " wrong requests").isEqualTo(before);
	}

	private static String judge(Response response) {
		String excerpt = response.body().substring(0, Math.min(300, response.body().length()));
		if (response.status() < 400 || response.status() >= 500) {
			return response.status() + " " + excerpt;
		}
		if (!response.contentType().startsWith("application/problem+json")) {
			return response.status() + " as '" + response.contentType() + "' " + excerpt;
		}
		try {
			BadInputIntegrationTests.assertNoInternals(response.body());
		}
		catch (AssertionError ex) {
			return response.status() + " shows internals: " + excerpt;
		}
		return null;
	}

	private Response send(Endpoint endpoint, String path, WrongRequest wrong) {
		Api.Request request = api().as(userFor(path));
		wrong.headers().forEach(request::header);
		return switch (endpoint.method()) {
			case POST -> request.post(path, wrong.body());
			case PUT -> request.put(path, wrong.body());
			case PATCH -> request.patch(path, wrong.body());
			default -> throw new IllegalStateException("no body is sent with " + endpoint.method());
		};
	}

	// the user whose roles let the request reach the controller
	private static String userFor(String path) {
		if (path.startsWith("/api/units/") || path.startsWith("/api/admin/")) {
			return "admin";
		}
		return path.startsWith("/api/audit/") ? "auditor" : "sekretariat";
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			Class<?> bodyType = bodyType(entry.getValue().getMethod());
			if (bodyType == null) {
				continue;
			}
			for (String pattern : entry.getKey().getPatternValues()) {
				for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
					if (pattern.startsWith("/api/")) {
						endpoints.add(new Endpoint(method, pattern, bodyType));
					}
				}
			}
		}
		endpoints.sort((a, b) -> (a.method() + a.pattern()).compareTo(b.method() + b.pattern()));
		return endpoints;
	}

	private static Class<?> bodyType(Method method) {
		for (Parameter parameter : method.getParameters()) {
			if (parameter.isAnnotationPresent(RequestBody.class)) {
				return parameter.getType();
			}
		}
		return null;
	}

	private static String path(Endpoint endpoint, BadInputFixture fixture, Random random) {
		Matcher matcher = PATH_VARIABLE.matcher(endpoint.pattern());
		StringBuilder path = new StringBuilder();
		while (matcher.find()) {
			String value = (random.nextInt(5) == 0) ? UUID.randomUUID().toString()
					: realId(matcher.group(1), endpoint.pattern(), fixture);
			matcher.appendReplacement(path, value);
		}
		return matcher.appendTail(path).toString();
	}

	private static String realId(String variable, String pattern, BadInputFixture fixture) {
		return switch (variable) {
			case "id" -> (pattern.startsWith("/api/meetings") ? fixture.meetingId() : fixture.caseId()).toString();
			case "taskId" -> fixture.taskId().toString();
			case "itemId" -> fixture.itemId().toString();
			case "referralId", "rid" -> fixture.referralId().toString();
			case "organisation" -> fixture.participant();
			case "code" -> "KBH";
			default -> UUID.randomUUID().toString();
		};
	}

	private static WrongRequest wrongRequest(Endpoint endpoint, Random random) {
		Map<String, String> headers = new LinkedHashMap<>();
		int kind = random.nextInt(10);
		if (kind == 0) {
			String type = pick(NOT_JSON_TYPES, random);
			headers.put("Content-Type", type);
			// the body may well be valid: only the media type is wrong
			return new WrongRequest(Api.json(plausible(endpoint.bodyType())), headers, "Content-Type '" + type + "'");
		}
		if (random.nextInt(3) == 0) {
			headers.put("Accept", pick(ODD_ACCEPTS, random));
		}
		if (random.nextInt(3) == 0) {
			headers.put("If-Match", pick(ODD_IF_MATCHES, random));
		}
		if (kind == 1) {
			String body = pick(NOT_JSON_BODIES, random);
			return new WrongRequest(body, headers,
					"body '" + body.substring(0, Math.min(20, body.length())) + "' " + headers);
		}
		Map<String, Object> body = plausible(endpoint.bodyType());
		List<Field> fields = new ArrayList<>();
		collectFields(endpoint.bodyType(), body, "", fields);
		Field field = pick(fields, random);
		Object wrongValue = wrongValue(field, random);
		field.container().put(field.name(), wrongValue);
		String json = Api.json(body).replace(LONE_SURROGATE, "x\\ud800");
		String shown = String.valueOf(wrongValue);
		return new WrongRequest(json, headers,
				field.path() + " = " + shown.substring(0, Math.min(40, shown.length())) + " " + headers);
	}

	private static Object wrongValue(Field field, Random random) {
		Class<?> type = field.type();
		List<Object> candidates = new ArrayList<>();
		if (!type.isRecord() && !Collection.class.isAssignableFrom(type)) {
			// an object or array where a single value belongs
			candidates.addAll(List.of(Map.of("a", List.of(1, Map.of("b", "c"))), List.of()));
		}
		if (type == String.class) {
			candidates.addAll(List.of(12, 1.5, true, "Tekst\u0000", "\u001b[31m", LONE_SURROGATE, "x".repeat(100_001),
					List.of("Tekst")));
			if (field.required()) {
				candidates.addAll(List.of("\u200B", "\uFEFF\u2060", "\u00A0\u3000", "\u3164"));
			}
		}
		else if (type.isEnum()) {
			candidates.addAll(List.of(0, 1, 1.5, "NOT_A_VALUE", "", true, "\u0000"));
		}
		else if (type == Boolean.class || type == boolean.class) {
			candidates.addAll(List.of("true", "false", 1, 0, "yes", ""));
		}
		else if (type == Integer.class || type == int.class || type == Long.class) {
			candidates.addAll(List.of("60", 60.5, "1e400", -2_147_483_649L, 99_999_999_999_999L, true, ""));
		}
		else if (type == LocalDate.class || type == OffsetDateTime.class || type == Instant.class) {
			candidates.addAll(List.of("+999999999-12-31", "+999999999-12-31T23:59:59Z", "-999999999-01-01",
					"1999-12-31", "2101-01-01", "+5874898-01-01", "2027-02-30", "2027-13-01T09:00:00+01:00",
					"2027-06-01T09:00:00+19:00", 1_700_000_000, 99_999_999_999_999L, "", "\u0000", true));
		}
		else if (type == UUID.class) {
			candidates.addAll(List.of("not-a-uuid", 12, "", "00000000-0000-0000-0000-00000000000g", true));
		}
		else if (Collection.class.isAssignableFrom(type)) {
			candidates.addAll(List.of("x", 12, Map.of("a", 1), java.util.Collections.nCopies(501, "x"),
					java.util.Arrays.asList((Object) null)));
		}
		else {
			candidates.addAll(List.of("x", 12, true));
		}
		return pick(candidates, random);
	}

	/** A body that would be accepted or nearly so, so the one wrong value is tested. */
	static Map<String, Object> plausible(Class<?> recordType) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (RecordComponent component : recordType.getRecordComponents()) {
			body.put(jsonName(component), plausibleValue(jsonName(component), component.getGenericType()));
		}
		return body;
	}

	/**
	 * The name the field has on the wire: a wrong value under the Java name would land in
	 * an ignored property and test nothing.
	 */
	private static String jsonName(RecordComponent component) {
		JsonProperty renamed = component.getAnnotation(JsonProperty.class);
		if (renamed == null && component.getAccessor().getAnnotation(JsonProperty.class) != null) {
			renamed = component.getAccessor().getAnnotation(JsonProperty.class);
		}
		return (renamed != null && !renamed.value().isEmpty()) ? renamed.value() : component.getName();
	}

	private static Object plausibleValue(String name, Type type) {
		Class<?> raw = rawType(type);
		if (raw == String.class) {
			return switch (name) {
				case "unit" -> "KBH";
				case "cpr" -> FakeCpr.next();
				case "organisation" -> "KRIMINALFORSORGEN";
				default -> "Tekst til test";
			};
		}
		if (raw.isEnum()) {
			return raw.getEnumConstants()[0].toString();
		}
		if (raw == Boolean.class || raw == boolean.class) {
			return true;
		}
		if (raw == Integer.class || raw == int.class || raw == Long.class) {
			return 60;
		}
		if (raw == LocalDate.class) {
			return "2027-06-01";
		}
		if (raw == OffsetDateTime.class || raw == Instant.class) {
			return "2027-06-01T09:00:00+02:00";
		}
		if (raw == UUID.class) {
			return UUID.randomUUID().toString();
		}
		if (Collection.class.isAssignableFrom(raw)) {
			Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
			return new ArrayList<>(List.of(plausibleValue(name.equals("invited") ? "organisation" : name, element)));
		}
		if (raw.isRecord()) {
			return plausible(raw);
		}
		return "x";
	}

	@SuppressWarnings("unchecked")
	private static void collectFields(Class<?> recordType, Map<String, Object> body, String prefix,
			List<Field> fields) {
		for (RecordComponent component : recordType.getRecordComponents()) {
			String path = prefix + jsonName(component);
			fields.add(new Field(path, jsonName(component), component.getType(), required(component), body));
			Object value = body.get(jsonName(component));
			if (component.getType().isRecord() && value instanceof Map<?, ?> nested) {
				collectFields(component.getType(), (Map<String, Object>) nested, path + ".", fields);
			}
			else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> element) {
				Class<?> elementType = rawType(
						((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0]);
				collectFields(elementType, (Map<String, Object>) element, path + "[0].", fields);
			}
		}
	}

	// text that must not be empty, so invisible-only text is wrong for it
	private static boolean required(RecordComponent component) {
		Size size = component.getAnnotation(Size.class);
		return component.isAnnotationPresent(NotBlank.class) || component.isAnnotationPresent(NotEmpty.class)
				|| (size != null && size.min() > 0);
	}

	private static Class<?> rawType(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		return (type instanceof Class<?> cls) ? cls : Object.class;
	}

	private static <T> T pick(List<T> values, Random random) {
		return values.get(random.nextInt(values.size()));
	}

	record Endpoint(RequestMethod method, String pattern, Class<?> bodyType) {
	}

	record WrongRequest(String body, Map<String, String> headers, String description) {
	}

	/** A field of the body, and the map holding it, so it can be replaced in place. */
	record Field(String path, String name, Class<?> type, boolean required, Map<String, Object> container) {
	}

}
