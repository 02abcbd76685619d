package dk.coordination.personaldata;

import java.util.List;

/**
 * Encrypts, decrypts and hashes CPR numbers with the keys from configuration. Several
 * keys may be configured, each with an id that the ciphertext and the hash carry; the
 * current one protects what is written now, the others are kept until a rotation has
 * moved everything stored under them to the current key.
 */
public interface CprProtector {

	/** Encrypted and hashed under the current key. */
	ProtectedCpr protect(CprNumber cpr);

	/** The keyed hash under the current key: what a new row stores. */
	String hash(CprNumber cpr);

	/**
	 * The keyed hash under every configured key, the current key's first: what finds the
	 * person in stored rows while a rotation is under way, since a row not yet re-keyed
	 * still carries the hash under an earlier key. One element when one key is
	 * configured.
	 */
	List<String> hashes(CprNumber cpr);

	/**
	 * Decrypts with the key the ciphertext names.
	 * @throws IllegalStateException when that key is not configured or the ciphertext was
	 * altered
	 */
	CprNumber reveal(byte[] encrypted);

	/** The id of the key that protects new data. */
	String currentKeyId();

	/**
	 * The ids of the configured keys other than the current one: stored values under them
	 * are what a rotation re-keys.
	 */
	List<String> previousKeyIds();

}
