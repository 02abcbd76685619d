package dk.coordination.personaldata.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.ProtectedCpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AesGcmCprProtectorTests {

	private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String KEY_B = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

	private static final String KEY_C = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

	// the committed development keys of src/test/resources/application-dev.yml
	private static final String DEV_ENCRYPTION_KEY = "Inl/1eRdjJXRAS5X20Cs/Jau2mGYg3WzZVvAhUmrxxc=";

	private static final String DEV_HASH_KEY = "/FOdEKFjsaMXegmTbYatX9oZjwr6kSMG+hgyguuXUac=";

	private final AesGcmCprProtector protector = new AesGcmCprProtector(new CprProperties(KEY_A, KEY_B), false);

	private final CprNumber cpr = CprNumber.parse("010190-1234");

	@Test
	void encryptedValueRevealsTheNumberButDoesNotContainIt() {
		ProtectedCpr protectedCpr = this.protector.protect(this.cpr);
		assertThat(new String(protectedCpr.encrypted(), StandardCharsets.ISO_8859_1)).doesNotContain("0101901234");
		assertThat(this.protector.reveal(protectedCpr.encrypted())).isEqualTo(this.cpr);
		assertThat(protectedCpr.masked()).isEqualTo("010190-xxxx");
	}

	@Test
	void encryptingTwiceGivesDifferentCiphertextsButTheSameHash() {
		ProtectedCpr first = this.protector.protect(this.cpr);
		ProtectedCpr second = this.protector.protect(CprNumber.parse("0101901234"));
		assertThat(first.encrypted()).isNotEqualTo(second.encrypted());
		assertThat(first.hash()).isEqualTo(second.hash()).hasSize(64);
	}

	@Test
	void theHashDependsOnTheKey() {
		AesGcmCprProtector otherKeys = new AesGcmCprProtector(new CprProperties(KEY_A, KEY_C), false);
		assertThat(otherKeys.hash(this.cpr)).isNotEqualTo(this.protector.hash(this.cpr));
	}

	@Test
	void tamperedCiphertextIsRejected() {
		byte[] encrypted = this.protector.protect(this.cpr).encrypted();
		encrypted[encrypted.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> this.protector.reveal(encrypted));
	}

	@Test
	void refusesKeysOfTheWrongSize() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties("AAEC", KEY_B), false))
			.withMessageContaining("coordination.cpr.encryption-key must be 32 bytes");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(KEY_A, "not base64!"), false))
			.withMessageContaining("coordination.cpr.hash-key must be Base64");
	}

	@Test
	void refusesOneKeyForBothPurposes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(KEY_A, KEY_A), true))
			.withMessage("coordination.cpr.encryption-key and coordination.cpr.hash-key are the same key; set "
					+ "COORDINATION_CPR_ENCRYPTION_KEY and COORDINATION_CPR_HASH_KEY to two different keys "
					+ "(openssl rand -base64 32, once for each)");
	}

	@Test
	void refusesTheCommittedDevelopmentKeysOutsideTheDevProfile() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(DEV_ENCRYPTION_KEY, KEY_B), false))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key")
			.withMessageContaining("set COORDINATION_CPR_ENCRYPTION_KEY to a key of your own");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(KEY_A, DEV_HASH_KEY), false))
			.withMessageStartingWith("coordination.cpr.hash-key is a development key")
			.withMessageContaining("set COORDINATION_CPR_HASH_KEY to a key of your own");
		// Base64 spelt differently (surrounding blanks) is still the same key
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(" " + DEV_ENCRYPTION_KEY + "\n", KEY_B), false))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key");
	}

	@Test
	void theDevProfileAcceptsTheDevelopmentKeys() {
		MockEnvironment dev = new MockEnvironment();
		dev.setActiveProfiles("dev");
		AesGcmCprProtector development = new AesGcmCprProtector(new CprProperties(DEV_ENCRYPTION_KEY, DEV_HASH_KEY),
				dev);
		assertThat(development.reveal(development.protect(this.cpr).encrypted())).isEqualTo(this.cpr);

		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(DEV_ENCRYPTION_KEY, DEV_HASH_KEY), production))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key");
	}

}
