package dk.coordination.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

class SessionReferencesTests {

	private static final String PAGE = "test.searches";

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void aReferenceStandsForWhatWasKeptAndNothingElse() {
		String reference = SessionReferences.remember(this.session, PAGE, "010190-1234");

		assertThat(reference).matches("[A-Za-z0-9_-]{16}").doesNotContain("0101");
		assertThat(SessionReferences.recall(this.session, PAGE, reference, String.class)).isEqualTo("010190-1234");
		assertThat(SessionReferences.recall(this.session, PAGE, reference, Integer.class)).as("another type").isNull();
		assertThat(SessionReferences.recall(this.session, "other.page", reference, String.class))
			.as("another page's references")
			.isNull();
		assertThat(SessionReferences.recall(this.session, PAGE, "made-up", String.class)).isNull();
		assertThat(SessionReferences.recall(this.session, PAGE, null, String.class)).isNull();
		assertThat(SessionReferences.recall(new MockHttpSession(), PAGE, reference, String.class)).as("another session")
			.isNull();
	}

	@Test
	void onlyTheLatestTenAreKept() {
		List<String> references = new ArrayList<>();
		for (int i = 1; i <= 11; i++) {
			references.add(SessionReferences.remember(this.session, PAGE, "search " + i));
		}

		assertThat(SessionReferences.recall(this.session, PAGE, references.get(0), String.class)).isNull();
		assertThat(SessionReferences.recall(this.session, PAGE, references.get(1), String.class)).isEqualTo("search 2");
		assertThat(SessionReferences.recall(this.session, PAGE, references.get(10), String.class))
			.isEqualTo("search 11");
	}

}
