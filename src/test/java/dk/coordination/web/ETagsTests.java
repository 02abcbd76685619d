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
	void currentTagPasses() {
		assertThatCode(() -> ETags.requireMatch("\"3\"", 3, "the case")).doesNotThrowAnyException();
		assertThatCode(() -> ETags.requireMatch("\"1\", \"3\"", 3, "the case")).doesNotThrowAnyException();
	}

	/** "*" matches any version, so it would let a client overwrite what it never saw. */
	@Test
	void wildcardIsPreconditionRequired() {
		assertThat(status("*")).isEqualTo(428);
		assertThat(status(" * ")).isEqualTo(428);
		assertThat(status("*, \"2\"")).as("a wildcard in a list proves nothing either").isEqualTo(412);
		ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
				() -> ETags.requireMatch("*", 3, "the case"));
		assertThat(refused.getBody().getDetail())
			.startsWith("Send If-Match with the ETag of the case as you last read it");
	}

	private static int status(String ifMatch) {
		return catchThrowableOfType(ErrorResponseException.class, () -> ETags.requireMatch(ifMatch, 3, "the case"))
			.getStatusCode()
			.value();
	}

}
