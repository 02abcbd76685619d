package dk.coordination.personaldata.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service refuses to start with unfit CPR keys, before anything else happens, and
 * says what to set.
 */
class CprKeysCheckTests {

	private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String KEY_B = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

	private static final String KEY_C = "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=";

	private static final String KEY_D = "gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8=";

	// the committed development key of src/test/resources/application-dev.yml
	private static final String DEV_ENCRYPTION_KEY = "Inl/1eRdjJXRAS5X20Cs/Jau2mGYg3WzZVvAhUmrxxc=";

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(CprKeysCheck.class);

	@Test
	void withoutKeysTheServiceRefusesToStart() {
		this.contexts.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessage("coordination.cpr.encryption-key is not set: set COORDINATION_CPR_ENCRYPTION_KEY to 32 "
						+ "random bytes, Base64-encoded (openssl rand -base64 32)");
		});
	}

	@Test
	void theProductionBuildsAotRefreshNeedsNoKeys() {
		// spring-boot:process-aot (the production profile) refreshes the context at build
		// time, where no key belongs; the start of the jar checks them
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			this.contexts.run((context) -> assertThat(context).hasNotFailed());
		}
		finally {
			System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
		}
	}

	@Test
	void oneKeyForBothPurposesIsRefused() {
		this.contexts
			.withPropertyValues("coordination.cpr.encryption-key=" + KEY_A, "coordination.cpr.hash-key=" + KEY_A)
			.run((context) -> assertThat(context.getStartupFailure()).hasMessageStartingWith(
					"coordination.cpr.encryption-key and coordination.cpr.hash-key are the same key"));
	}

	@Test
	void theDevelopmentKeysAreRefusedOutsideTheDevProfileOnly() {
		ApplicationContextRunner withDevelopmentKey = this.contexts.withPropertyValues(
				"coordination.cpr.encryption-key=" + DEV_ENCRYPTION_KEY, "coordination.cpr.hash-key=" + KEY_B);
		withDevelopmentKey.run((context) -> assertThat(context.getStartupFailure())
			.hasMessageStartingWith("coordination.cpr.encryption-key is a development key")
			.hasMessageContaining("set COORDINATION_CPR_ENCRYPTION_KEY to a key of your own"));
		withDevelopmentKey.withPropertyValues("spring.profiles.active=dev")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void twoKeysOfItsOwnStart() {
		this.contexts
			.withPropertyValues("coordination.cpr.encryption-key=" + KEY_A, "coordination.cpr.hash-key=" + KEY_B)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void keysWithIdsFromTheEnvironmentAreCheckedToo() {
		// as production sets them: environment variables next to the single pair (key k1)
		ApplicationContextRunner twoKeys = this.contexts.withPropertyValues("coordination.cpr.encryption-key=" + KEY_A,
				"coordination.cpr.hash-key=" + KEY_B, "coordination.cpr.keys[0].id=2026a",
				"coordination.cpr.keys[0].encryption-key=" + KEY_C, "coordination.cpr.keys[0].hash-key=" + KEY_D);
		twoKeys.run((context) -> assertThat(context.getStartupFailure())
			.hasMessageStartingWith("Several CPR keys are configured (k1, 2026a)"));
		twoKeys.withPropertyValues("coordination.cpr.current-key=2026a")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
