package dk.coordination.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;

import org.junit.jupiter.api.Test;

import dk.coordination.audit.internal.Seal.Part;
import dk.coordination.personaldata.SecretKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The chain's keys say what to set when they are wrong, and a seal's MAC changes with
 * everything it covers but not with the order its parts arrive in.
 */
class AuditChainKeysTests {

	private static final String DEVELOPMENT_KEY = "2uGIvvUQVXQ7Ux2xFnLZ6xtzN/p+T1DU5lvJtpUdop4=";

	private static final String KEY = key('a');

	private static final String OLD_KEY = key('b');

	@Test
	void aMissingKeyNamesThePropertyAndTheVariable() {
		assertThatIllegalStateException().isThrownBy(() -> new AuditChainKeys(properties(" "), false))
			.withMessage("coordination.audit.chain-key is not set: set COORDINATION_AUDIT_CHAIN_KEY to 32 random "
					+ "bytes, Base64-encoded (openssl rand -base64 32)");
		assertThatIllegalStateException().isThrownBy(() -> new AuditChainKeys(properties("c2hvcnQ="), false))
			.withMessage("coordination.audit.chain-key must be 32 bytes, Base64-encoded; it is 5");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AuditChainKeys(new AuditChainProperties(KEY, List.of("not base64!")), false))
			.withMessage(
					"coordination.audit.previous-chain-keys[0] must be Base64 (for example: openssl rand -base64 32)");
	}

	@Test
	void theCommittedDevelopmentKeyIsRefusedOutsideTheDevProfile() {
		assertThatIllegalStateException().isThrownBy(() -> new AuditChainKeys(properties(DEVELOPMENT_KEY), false))
			.withMessageStartingWith("coordination.audit.chain-key is the development key")
			.withMessageContaining("set COORDINATION_AUDIT_CHAIN_KEY to a key of your own");
		assertThat(new AuditChainKeys(properties(DEVELOPMENT_KEY), true).currentId()).isEqualTo("f9d15db3c2ac35a6");
	}

	@Test
	void aKeyIsKnownByItsFingerprintAndOlderKeysStillVerify() {
		AuditChainKeys keys = new AuditChainKeys(new AuditChainProperties(KEY, List.of(OLD_KEY)), false);
		assertThat(keys.currentId())
			.isEqualTo(SecretKeys.fingerprint(Base64.getDecoder().decode(KEY)).substring(0, 16));
		String oldId = SecretKeys.fingerprint(Base64.getDecoder().decode(OLD_KEY)).substring(0, 16);
		assertThat(keys.mac(oldId)).isPresent();
		assertThat(keys.mac("0000000000000000")).isEmpty();
		// an unset COORDINATION_AUDIT_PREVIOUS_CHAIN_KEYS is no key, not a missing one
		assertThat(new AuditChainProperties(KEY, List.of("", " ")).previousChainKeys()).isEmpty();

		Seal seal = seal(1, "COMMIT", part("REVISION", 7, "audit_revision", "a"));
		assertThat(seal.mac(keys.mac(keys.currentId()).orElseThrow()))
			.isNotEqualTo(seal.mac(keys.mac(oldId).orElseThrow()));
	}

	@Test
	void aSealsMacCoversEverythingInItButNotTheOrderOfItsParts() {
		Mac mac = new AuditChainKeys(properties(KEY), false).mac(new AuditChainKeys(properties(KEY), false).currentId())
			.orElseThrow();
		Part revision = part("REVISION", 7, "audit_revision", "a");
		Part entry = part("ACCESS_LOG", 3, "access_log", "b");
		byte[] original = seal(2, "COMMIT", revision, entry).mac(mac);

		assertThat(seal(2, "COMMIT", entry, revision).mac(mac)).isEqualTo(original);
		assertThat(List.of(seal(3, "COMMIT", revision, entry), seal(2, "RESEAL", revision, entry),
				seal(2, "COMMIT", revision, part("ACCESS_LOG", 4, "access_log", "b")),
				seal(2, "COMMIT", revision, part("ACCESS_LOG", 3, "access_log", "c")), seal(2, "COMMIT", revision),
				new Seal(2, HexFormat.of().parseHex("01"), Instant.parse("2026-12-02T10:00:00Z"), "COMMIT", null, "k",
						List.of(revision, entry)),
				new Seal(2, new byte[0], Instant.parse("2026-12-02T10:00:00.000001Z"), "COMMIT", null, "k",
						List.of(revision, entry)),
				new Seal(2, new byte[0], Instant.parse("2026-12-02T10:00:00Z"), "COMMIT", "", "k",
						List.of(revision, entry))))
			.allSatisfy((changed) -> assertThat(changed.mac(mac)).isNotEqualTo(original));
		// PostgreSQL keeps microseconds, so the MAC does too
		assertThat(new Seal(2, new byte[0], Instant.parse("2026-12-02T10:00:00.000000900Z"), "COMMIT", null, "k",
				List.of(revision, entry))
			.mac(mac)).isEqualTo(original);
	}

	private static Seal seal(long seq, String kind, Part... parts) {
		return new Seal(seq, new byte[0], Instant.parse("2026-12-02T10:00:00Z"), kind, null, "k", List.of(parts));
	}

	private static Part part(String kind, long ref, String table, String content) {
		return new Part(kind, ref, table, content.getBytes(StandardCharsets.UTF_8));
	}

	private static AuditChainProperties properties(String key) {
		return new AuditChainProperties(key, List.of());
	}

	private static String key(char fill) {
		return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
	}

}
