package dk.coordination.security.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LoginPropertiesTests {

	@Test
	void withoutASecretTheServiceDoesNotStartAndSaysWhatToSet() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new LoginProperties("coordination-web", " ").checkedSecret(false))
			.withMessageContaining("COORDINATION_WEB_CLIENT_SECRET")
			.withMessageContaining("coordination-web");
	}

	@Test
	void theRealmFilesDevelopmentSecretIsRefusedOutsideDevelopment() {
		LoginProperties development = new LoginProperties("coordination-web", LoginProperties.DEVELOPMENT_SECRET);
		assertThatIllegalStateException().isThrownBy(() -> development.checkedSecret(false))
			.withMessageContaining("development secret");
		assertThat(development.checkedSecret(true)).isEqualTo(LoginProperties.DEVELOPMENT_SECRET);
		assertThat(new LoginProperties("coordination-web", "s3cret").checkedSecret(false)).isEqualTo("s3cret");
	}

}
