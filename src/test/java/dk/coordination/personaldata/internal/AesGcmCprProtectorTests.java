package dk.coordination.personaldata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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

	private final AesGcmCprProtector protector = new AesGcmCprProtector(CprProperties.pair(KEY_A, KEY_B), false);

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
		assertThat(first.hash()).isEqualTo(second.hash()).matches("k1:[0-9a-f]{64}");
	}

	@Test
	void theHashDependsOnTheKey() {
		AesGcmCprProtector otherKeys = new AesGcmCprProtector(CprProperties.pair(KEY_A, KEY_C), false);
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
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair("AAEC", KEY_B), false))
			.withMessageContaining("coordination.cpr.encryption-key must be 32 bytes");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(KEY_A, "not base64!"), false))
			.withMessageContaining("coordination.cpr.hash-key must be Base64");
	}

	@Test
	void refusesOneKeyForBothPurposes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(KEY_A, KEY_A), true))
			.withMessage("coordination.cpr.encryption-key and coordination.cpr.hash-key are the same key; set "
					+ "COORDINATION_CPR_ENCRYPTION_KEY and COORDINATION_CPR_HASH_KEY to two different keys "
					+ "(openssl rand -base64 32, once for each)");
	}

	@Test
	void refusesTheCommittedDevelopmentKeysOutsideTheDevProfile() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(DEV_ENCRYPTION_KEY, KEY_B), false))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key")
			.withMessageContaining("set COORDINATION_CPR_ENCRYPTION_KEY to a key of your own");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(KEY_A, DEV_HASH_KEY), false))
			.withMessageStartingWith("coordination.cpr.hash-key is a development key")
			.withMessageContaining("set COORDINATION_CPR_HASH_KEY to a key of your own");
		// Base64 spelt differently (surrounding blanks) is still the same key
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(" " + DEV_ENCRYPTION_KEY + "\n", KEY_B), false))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key");
	}

	@Test
	void theDevProfileAcceptsTheDevelopmentKeys() {
		MockEnvironment dev = new MockEnvironment();
		dev.setActiveProfiles("dev");
		AesGcmCprProtector development = new AesGcmCprProtector(CprProperties.pair(DEV_ENCRYPTION_KEY, DEV_HASH_KEY),
				dev);
		assertThat(development.reveal(development.protect(this.cpr).encrypted())).isEqualTo(this.cpr);

		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(CprProperties.pair(DEV_ENCRYPTION_KEY, DEV_HASH_KEY), production))
			.withMessageStartingWith("coordination.cpr.encryption-key is a development key");
	}

	private static final String KEY_D = "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=";

	private static final String KEY_E = "gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp8=";

	/** Key k1 (the single pair) and key 2026a, the given one current. */
	private static AesGcmCprProtector twoKeys(String current) {
		return new AesGcmCprProtector(
				new CprProperties(KEY_A, KEY_B, List.of(new CprProperties.Key("2026a", KEY_D, KEY_E)), current), false);
	}

	@Test
	void ciphertextAndHashNameTheirKey() {
		ProtectedCpr underK1 = this.protector.protect(this.cpr);
		assertThat(Arrays.copyOf(underK1.encrypted(), 4)).containsExactly(1, 2, 'k', '1');
		ProtectedCpr under2026a = twoKeys("2026a").protect(this.cpr);
		assertThat(Arrays.copyOf(under2026a.encrypted(), 7)).containsExactly(1, 5, '2', '0', '2', '6', 'a');
		assertThat(under2026a.hash()).matches("2026a:[0-9a-f]{64}");
		assertThat(under2026a.hash().substring(6)).isNotEqualTo(underK1.hash().substring(3));
	}

	@Test
	void afterANewKeyBecomesCurrentWhatTheOldOneProtectedStillDecryptsAndIsFound() {
		ProtectedCpr before = this.protector.protect(this.cpr);
		AesGcmCprProtector rotating = twoKeys("2026a");
		assertThat(rotating.reveal(before.encrypted())).isEqualTo(this.cpr);
		assertThat(rotating.hashes(this.cpr)).containsExactly(rotating.hash(this.cpr), before.hash());
		assertThat(rotating.currentKeyId()).isEqualTo("2026a");
		assertThat(rotating.previousKeyIds()).containsExactly("k1");
		// and the other way round: before 2026a is current, it is known already
		AesGcmCprProtector prepared = twoKeys("k1");
		assertThat(prepared.hash(this.cpr)).isEqualTo(before.hash());
		assertThat(prepared.reveal(rotating.protect(this.cpr).encrypted())).isEqualTo(this.cpr);
		assertThat(prepared.hashes(this.cpr)).containsExactly(before.hash(), rotating.hash(this.cpr));
	}

	@Test
	void ciphertextOfAKeyNoLongerConfiguredSaysWhichKeyItNeeds() {
		byte[] under2026a = twoKeys("2026a").protect(this.cpr).encrypted();
		assertThatIllegalStateException().isThrownBy(() -> this.protector.reveal(under2026a))
			.withMessage("Stored CPR number is encrypted with key 2026a, which is not configured (the keys are k1)");
	}

	@Test
	void whatMigrationV16LabelledStillDecrypts() throws Exception {
		// the format before key ids: nonce and ciphertext, under the single key
		byte[] nonce = new byte[12];
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY_A), "AES"),
				new GCMParameterSpec(128, nonce));
		byte[] sealed = cipher.doFinal("0101901234".getBytes(StandardCharsets.US_ASCII));
		// V16: '\x01026b31'::bytea || subject_cpr_encrypted
		byte[] labelled = ByteBuffer.allocate(4 + 12 + sealed.length)
			.put(new byte[] { 1, 2, 'k', '1' })
			.put(nonce)
			.put(sealed)
			.array();
		assertThat(twoKeys("2026a").reveal(labelled)).isEqualTo(this.cpr);
	}

	@Test
	void refusesKeysWithoutOneCurrentOrWithRepeatedIds() {
		assertThatIllegalStateException().isThrownBy(() -> twoKeys(null))
			.withMessage("Several CPR keys are configured (k1, 2026a): set coordination.cpr.current-key "
					+ "(COORDINATION_CPR_CURRENT_KEY) to the id of the one that protects new data");
		assertThatIllegalStateException().isThrownBy(() -> twoKeys("2026b"))
			.withMessage("coordination.cpr.current-key is 2026b, but no CPR key has that id; the configured keys "
					+ "are k1, 2026a");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(
					new CprProperties(KEY_A, KEY_B, List.of(new CprProperties.Key("k1", KEY_D, KEY_E)), "k1"), false))
			.withMessage("CPR key id k1 is given twice, by coordination.cpr.encryption-key/hash-key and by "
					+ "coordination.cpr.keys[0]; every key needs an id of its own");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(
					new CprProperties(null, null, List.of(new CprProperties.Key(" ", KEY_D, KEY_E)), null), false))
			.withMessageStartingWith("coordination.cpr.keys[0].id is not set: every CPR key needs an id");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(
					new CprProperties(null, null, List.of(new CprProperties.Key("2026:a", KEY_D, KEY_E)), null), false))
			.withMessage("coordination.cpr.keys[0].id must be letters, digits, '-', '_' or '.', at most 16; "
					+ "it is '2026:a'");
	}

	@Test
	void refusesAKeyOfTheWrongSizeOrOneKeyUnderTwoIds() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(
					new CprProperties(KEY_A, KEY_B, List.of(new CprProperties.Key("2026a", KEY_D, "AAEC")), "2026a"),
					false))
			.withMessage("coordination.cpr.keys[0].hash-key must be 32 bytes, Base64-encoded; it is 3");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcmCprProtector(
					new CprProperties(KEY_A, KEY_B, List.of(new CprProperties.Key("2026a", KEY_A, KEY_E)), "2026a"),
					false))
			.withMessage("coordination.cpr.encryption-key and coordination.cpr.keys[0].encryption-key are the same "
					+ "key; set COORDINATION_CPR_ENCRYPTION_KEY and COORDINATION_CPR_KEYS_0_ENCRYPTION_KEY to two "
					+ "different keys (openssl rand -base64 32, once for each)");
	}

	@Test
	void keysWithIdsAloneNeedNoSinglePair() {
		AesGcmCprProtector listed = new AesGcmCprProtector(
				new CprProperties(null, "", List.of(new CprProperties.Key("2026a", KEY_D, KEY_E)), null), false);
		assertThat(listed.currentKeyId()).isEqualTo("2026a");
		assertThat(listed.previousKeyIds()).isEmpty();
		assertThat(listed.hashes(this.cpr)).containsExactly(listed.hash(this.cpr));
	}

}
