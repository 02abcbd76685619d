package dk.coordination.personaldata.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.ProtectedCpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AesGcmCprProtectorTests {

	private static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String KEY_B = "HxwdHhscGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

	private final AesGcmCprProtector protector = new AesGcmCprProtector(new CprProperties(KEY_A, KEY_B));

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
		AesGcmCprProtector otherKeys = new AesGcmCprProtector(new CprProperties(KEY_A, KEY_A));
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
		assertThatIllegalStateException().isThrownBy(() -> new AesGcmCprProtector(new CprProperties("AAEC", KEY_B)))
			.withMessageContaining("coordination.cpr.encryption-key must be 32 bytes");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(new CprProperties(KEY_A, "not base64!")))
			.withMessageContaining("coordination.cpr.hash-key must be Base64");
	}

}
