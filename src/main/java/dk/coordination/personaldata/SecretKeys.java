package dk.coordination.personaldata;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reading the service's secret keys from configuration, the same way for every key: 32
 * random bytes in Base64 ({@code openssl rand -base64 32}), with a message that names the
 * property and the environment variable to set. Public because the audit chain's MAC key
 * follows the same rules as the CPR keys.
 */
public final class SecretKeys {

	private SecretKeys() {
	}

	/**
	 * The key's bytes.
	 * @param property the configuration property, for the message
	 * @param variable the environment variable that sets it, for the message
	 * @param base64 the configured value
	 * @throws IllegalStateException saying what to set when the key is missing, not
	 * Base64 or not 32 bytes
	 */
	public static byte[] decode(String property, String variable, String base64) {
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

	/**
	 * SHA-256 of a key in hex: names a key (or recognises a committed development key)
	 * without revealing it.
	 */
	public static String fingerprint(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

}
