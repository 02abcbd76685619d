package dk.coordination.personaldata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.personaldata.ProtectedCpr;

/**
 * AES-256-GCM with a random 96-bit nonce per value (stored as nonce followed by
 * ciphertext and tag), and HMAC-SHA256 for the look-up hash: the same number always
 * hashes the same, but nobody without the key can hash candidate numbers, which an
 * unkeyed hash of only 10 digits would allow.
 */
@Component
@EnableConfigurationProperties(CprProperties.class)
class AesGcmCprProtector implements CprProtector {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey encryptionKey;

	private final SecretKey hashKey;

	private final SecureRandom random = new SecureRandom();

	AesGcmCprProtector(CprProperties properties) {
		this.encryptionKey = new SecretKeySpec(key("coordination.cpr.encryption-key", properties.encryptionKey()),
				"AES");
		this.hashKey = new SecretKeySpec(key("coordination.cpr.hash-key", properties.hashKey()), "HmacSHA256");
	}

	private static byte[] key(String property, String base64) {
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
