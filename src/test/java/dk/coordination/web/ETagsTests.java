package dk.coordination.web;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ETagsTests {

	@Test
	void missingIfMatchIsPreconditionRequired() {
		assertThat(status(null)).isEqualTo(428);
		assertThat(status("  ")).isEqualTo(428);
	}

	@Test
	void staleOrForeignTagIsPreconditionFailed() {
		assertThat(status("\"2\"")).isEqualTo(412);
		assertThat(status("W/\"3\"")).isEqualTo(412);
		assertThat(status("3")).isEqualTo(412);
	}

	@Test
	void currentTagOrWildcardPasses() {
		assertThatCode(() -> ETags.requireMatch("\"3\"", 3, "the case")).doesNotThrowAnyException();
		assertThatCode(() -> ETags.requireMatch("\"1\", \"3\"", 3, "the case")).doesNotThrowAnyException();
		assertThatCode(() -> ETags.requireMatch("*", 3, "the case")).doesNotThrowAnyException();
	}

	private static int status(String ifMatch) {
		return catchThrowableOfType(ErrorResponseException.class, () -> ETags.requireMatch(ifMatch, 3, "the case"))
			.getStatusCode()
			.value();
	}

}
