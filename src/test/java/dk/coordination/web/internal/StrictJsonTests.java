package dk.coordination.web.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import dk.coordination.web.internal.InputTextDeserializer.RejectedText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The request-body rules on a mapper built like Boot's: guesses Jackson would make are
 * refused, and text that is not text is refused with the field named.
 */
class StrictJsonTests {

	private final JsonMapper json = strictMapper();

	static JsonMapper strictMapper() {
		JsonMapper.Builder builder = JsonMapper.builder();
		StrictJsonConfiguration.strict(builder);
		return builder.build();
	}

	enum Colour {

		RED, GREEN

	}

	record Body(String name, Colour colour, Boolean urgent, Integer minutes, LocalDate day, OffsetDateTime at,
			List<String> names, UUID id) {
	}

	@Test
	void theGuessesJacksonWouldMakeAreRefused() {
		assertRefused("{\"colour\": 0}", "colour");
		assertRefused("{\"colour\": \"\"}", "colour");
		assertRefused("{\"urgent\": \"true\"}", "urgent");
		assertRefused("{\"urgent\": 1}", "urgent");
		assertRefused("{\"name\": 12}", "name");
		assertRefused("{\"name\": true}", "name");
		assertRefused("{\"name\": {\"a\": 1}}", "name");
		assertRefused("{\"minutes\": 1.9}", "minutes");
		assertRefused("{\"minutes\": \"60\"}", "minutes");
		assertRefused("{\"at\": \"+999999999-12-31T23:59:59-18:00\"}", "at");
		assertRefused("{\"day\": \"2027-02-30\"}", "day");
		assertRefused("{\"names\": [1]}", "names[0]");
		assertRefused("{\"at\": 1700000000}", "at");
		assertRefused("{\"at\": 1e300}", "at");
		assertRefused("{\"day\": 20000}", "day");
		assertRefused("{\"day\": [2027, 3, 4]}", "day");
		assertRefused("{\"id\": \"\"}", "id");
	}

	@Test
	void wellTypedValuesAreRead() {
		Body body = this.json.readValue(
				"{\"name\": \"Anna\", \"colour\": \"GREEN\", \"urgent\": true, \"minutes\": 60, \"day\": \"2027-03-04\", \"at\": \"2027-03-04T09:00:00+01:00\", \"names\": [\"a\"]}",
				Body.class);
		assertThat(body.colour()).isEqualTo(Colour.GREEN);
		assertThat(body.urgent()).isTrue();
		assertThat(body.minutes()).isEqualTo(60);
	}

	@Test
	void controlCharactersAndLoneSurrogatesAreNotText() {
		assertThat(rejectedReason("{\"name\": \"An\\u0000na\"}")).contains("U+0000");
		assertThat(rejectedReason("{\"names\": [\"ok\", \"\\u001b[31m\"]}")).contains("U+001B");
		assertThat(rejectedReason("{\"name\": \"\\u0085\"}")).contains("U+0085");
		assertThat(rejectedReason("{\"name\": \"x\\ud800\"}")).contains("lone surrogate");
		assertThat(rejectedReason("{\"name\": \"\\udc00x\"}")).contains("lone surrogate");
	}

	@Test
	void tabsLineBreaksAndSurrogatePairsAreText() {
		assertThat(this.json.readValue("{\"name\": \"a\\tb\\r\\nc \\ud83d\\ude00\"}", Body.class).name())
			.isEqualTo("a\tb\r\nc \uD83D\uDE00");
	}

	@Test
	void textOfOnlyInvisibleCharactersBecomesEmptySoNotBlankCatchesIt() {
		assertThat(this.json.readValue("{\"name\": \"\\u200b\\ufeff \\u00a0\\u2060\\u3000\"}", Body.class).name())
			.isEmpty();
		assertThat(this.json.readValue("{\"name\": \"\\u3164\"}", Body.class).name()).isEmpty();
		assertThat(this.json.readValue("{\"name\": \"\\u200bAnna\"}", Body.class).name()).isEqualTo("\u200BAnna");
	}

	@Test
	void aQuotedValueIsShortAndHasNoControlCharacters() {
		assertThat(DatabindPaths.quote("a\u0000b")).isEqualTo("'a\\u0000b'");
		assertThat(DatabindPaths.quote("x".repeat(1000))).hasSizeLessThan(50).endsWith("...'");
	}

	private void assertRefused(String body, String field) {
		assertThatExceptionOfType(DatabindException.class).isThrownBy(() -> this.json.readValue(body, Body.class))
			.satisfies((ex) -> assertThat(DatabindPaths.describe(ex.getPath())).isEqualTo(field));
	}

	private String rejectedReason(String body) {
		try {
			this.json.readValue(body, Body.class);
		}
		catch (RejectedText ex) {
			return ex.reason();
		}
		throw new AssertionError("accepted " + body);
	}

}
