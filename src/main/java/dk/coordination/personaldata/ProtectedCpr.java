package dk.coordination.personaldata;

/**
 * A CPR number as it may be stored: encrypted, a keyed hash to find the same person, and
 * the masked form for lists.
 */
public record ProtectedCpr(byte[] encrypted, String hash, String masked) {
}
