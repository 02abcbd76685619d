package dk.coordination.personaldata;

/**
 * Encrypts, decrypts and hashes CPR numbers with the keys from configuration.
 */
public interface CprProtector {

	ProtectedCpr protect(CprNumber cpr);

	/** The keyed hash alone, to look a person up. */
	String hash(CprNumber cpr);

	CprNumber reveal(byte[] encrypted);

}
