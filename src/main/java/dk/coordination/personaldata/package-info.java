/**
 * Personal identifiers and how they are protected. A CPR number is validated as
 * {@link dk.coordination.personaldata.CprNumber}, never stored in plain text: it is kept
 * encrypted (AES-GCM, key from configuration) together with a keyed hash (HMAC-SHA256)
 * that finds the same person again without decrypting anything, and shown masked
 * ({@code DDMMYY-xxxx}) in lists.
 * <p>
 * Uses no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Personal data")
package dk.coordination.personaldata;
