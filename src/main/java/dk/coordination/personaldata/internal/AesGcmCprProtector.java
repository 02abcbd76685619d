package dk.coordination.personaldata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.personaldata.ProtectedCpr;

/**
 * AES-256-GCM with a random 96-bit nonce per value (stored as nonce followed by
 * ciphertext and tag), and HMAC-SHA256 for the look-up hash: the same number always
 * hashes the same, but nobody without the key can hash candidate numbers, which an
 * unkeyed hash of only 10 digits would allow.
 * <p>
 * Refuses to start with one key used for both purposes, and outside the {@code dev}
 * profile with the development keys committed in {@code application-dev.yml}: those are
 * public, so data protected by them is not protected at all.
 */
@Component
@EnableConfigurationProperties(CprProperties.class)
class AesGcmCprProtector implements CprProtector {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/**
	 * SHA-256 of the development keys (Base64-decoded), so the check needs no copy of the
	 * keys themselves in the production code.
	 */
	private static final Set<String> DEVELOPMENT_KEY_FINGERPRINTS = Set.of(
			"e986e91b0f6b727d1b1113fcc98d9aa5afdb940221ea83960b2b680fb0cd3dc8",
			"a91f5d50122bf27cd0f7f9e84cfdbe9d59115890f8acb1415f66c5c29498a4fb");

	static final String DEVELOPMENT_PROFILE = "dev";

	private final SecretKey encryptionKey;

	private final SecretKey hashKey;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	AesGcmCprProtector(CprProperties properties, Environment environment) {
		this(properties, environment.matchesProfiles(DEVELOPMENT_PROFILE));
	}

	/**
	 * @param developmentKeysAllowed whether the committed development keys may be used
	 * (the local run and the tests)
	 */
	AesGcmCprProtector(CprProperties properties, boolean developmentKeysAllowed) {
		Keys keys = checkedKeys(properties, developmentKeysAllowed);
		this.encryptionKey = new SecretKeySpec(keys.encryption(), "AES");
		this.hashKey = new SecretKeySpec(keys.hash(), "HmacSHA256");
	}

	/**
	 * The decoded keys, once they are known to be fit for use.
	 * @throws IllegalStateException saying what to set, for a missing, malformed, shared
	 * or (unless allowed) development key
	 */
	static Keys checkedKeys(CprProperties properties, boolean developmentKeysAllowed) {
		byte[] encryption = key("coordination.cpr.encryption-key", "COORDINATION_CPR_ENCRYPTION_KEY",
				properties.encryptionKey());
		byte[] hash = key("coordination.cpr.hash-key", "COORDINATION_CPR_HASH_KEY", properties.hashKey());
		if (Arrays.equals(encryption, hash)) {
			throw new IllegalStateException("coordination.cpr.encryption-key and coordination.cpr.hash-key are "
					+ "the same key; set COORDINATION_CPR_ENCRYPTION_KEY and COORDINATION_CPR_HASH_KEY to two "
					+ "different keys (openssl rand -base64 32, once for each)");
		}
		if (!developmentKeysAllowed) {
			refuseDevelopmentKey("coordination.cpr.encryption-key", "COORDINATION_CPR_ENCRYPTION_KEY", encryption);
			refuseDevelopmentKey("coordination.cpr.hash-key", "COORDINATION_CPR_HASH_KEY", hash);
		}
		return new Keys(encryption, hash);
	}

	record Keys(byte[] encryption, byte[] hash) {
	}

	private static void refuseDevelopmentKey(String property, String variable, byte[] key) {
		if (DEVELOPMENT_KEY_FINGERPRINTS.contains(fingerprint(key))) {
			throw new IllegalStateException(property + " is a development key, committed to the repository in "
					+ "application-dev.yml and so known to anyone; set " + variable + " to a key of your own "
					+ "(openssl rand -base64 32). Only the dev profile accepts the development keys");
		}
	}

	private static String fingerprint(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	private static byte[] key(String property, String variable, String base64) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException(property + " is not set: set " + variable
					+ " to 32 random bytes, Base64-encoded (openssl rand -base64 32)");
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + " must be Base64 (for example: openssl rand -base64 32)");
		}
		if (key.length != 32) {
			throw new IllegalStateException(property + " must be 32 bytes, Base64-encoded; it is " + key.length);
		}
		return key;
	}

	@Override
	public ProtectedCpr protect(CprNumber cpr) {
		return new ProtectedCpr(encrypt(cpr.digits()), hash(cpr), cpr.masked());
	}

	@Override
	public String hash(CprNumber cpr) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			return HexFormat.of().formatHex(mac.doFinal(cpr.digits().getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	@Override
	public CprNumber reveal(byte[] encrypted) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey,
					new GCMParameterSpec(TAG_BITS, encrypted, 0, NONCE_BYTES));
			byte[] plain = cipher.doFinal(encrypted, NONCE_BYTES, encrypted.length - NONCE_BYTES);
			return CprNumber.parse(new String(plain, StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Stored CPR number cannot be decrypted with the configured key", ex);
		}
	}

	private byte[] encrypt(String digits) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	}

}
