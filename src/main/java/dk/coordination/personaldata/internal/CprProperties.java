package dk.coordination.personaldata.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys protecting CPR numbers, each 32 random bytes in Base64
 * ({@code openssl rand -base64 32}). They have no defaults in production: a service
 * without them must not start. The local run and the tests set development keys.
 * <p>
 * A key has an id, stored with everything it protects, so several keys can be configured
 * while a rotation moves the stored numbers from one to the next; exactly one is current
 * and protects what is written now. The single pair {@code encryption-key} and
 * {@code hash-key}, the only form before key ids, is still read: it is the key with id
 * {@value AesGcmCprProtector#LEGACY_KEY_ID}, which migration V16 gave everything stored
 * before.
 *
 * @param encryptionKey AES-256 key of key {@value AesGcmCprProtector#LEGACY_KEY_ID}
 * @param hashKey HMAC-SHA256 key of key {@value AesGcmCprProtector#LEGACY_KEY_ID}
 * @param keys further keys, each with its id
 * @param currentKey the id of the key that protects new data; may be left out when only
 * one key is configured
 */
@ConfigurationProperties("coordination.cpr")
record CprProperties(String encryptionKey, String hashKey, List<Key> keys, String currentKey) {

	CprProperties {
		keys = (keys != null) ? List.copyOf(keys) : List.of();
	}

	/** The single pair alone, as before key ids. */
	static CprProperties pair(String encryptionKey, String hashKey) {
		return new CprProperties(encryptionKey, hashKey, List.of(), null);
	}

	/**
	 * One key.
	 *
	 * @param id what stored values name the key by: letters, digits, {@code -}, {@code _}
	 * or {@code .}, at most 16
	 * @param encryptionKey AES-256 key encrypting the numbers
	 * @param hashKey HMAC-SHA256 key of the look-up hash
	 */
	record Key(String id, String encryptionKey, String hashKey) {
	}

}
