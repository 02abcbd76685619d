package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dk.coordination.web.InvalidFieldException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CaseCursorTests {

	@Test
	void roundTrips() {
		CaseCursor cursor = new CaseCursor(Instant.parse("2026-11-22T10:15:30.123456Z"), UUID.randomUUID());
		assertThat(CaseCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "%%%", "bm90LWEtY3Vyc29y", "MjAyNi0xMS0yMnxub3QtYS11dWlk" })
	void garbageIsABadRequestNamingTheParameter(String text) {
		assertThatExceptionOfType(InvalidFieldException.class).isThrownBy(() -> CaseCursor.decode(text))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).startsWith("cursor:"));
	}

}
