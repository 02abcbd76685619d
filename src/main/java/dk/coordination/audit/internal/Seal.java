package dk.coordination.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.crypto.Mac;

/**
 * One link of the audit chain as its MAC covers it: its number, the previous seal's MAC,
 * when, why, under which key, and the digests of the rows it seals. Sealing and verifying
 * both build the MAC here, so they cannot disagree about what it covers.
 *
 * @param seq the seal's number, 1 for the first
 * @param previousMac the MAC of seal {@code seq - 1}, empty for the first
 * @param sealedAt when, to the microsecond PostgreSQL stores
 * @param kind {@code GENESIS}, {@code COMMIT} or {@code RESEAL}
 * @param reason why rows were resealed; null for the others
 * @param keyId the MAC key's id
 * @param parts the digests, in any order
 */
record Seal(long seq, byte[] previousMac, Instant sealedAt, String kind, String reason, String keyId,
		List<Part> parts) {

	private static final String FORMAT = "coordination-audit-seal-1";

	private static final Comparator<Part> ORDER = Comparator.comparing(Part::kind)
		.thenComparingLong(Part::ref)
		.thenComparing(Part::part);

	Seal {
		sealedAt = sealedAt.truncatedTo(ChronoUnit.MICROS);
		// the MAC must not depend on the order the database returned the rows in
		List<Part> sorted = new ArrayList<>(parts);
		sorted.sort(ORDER);
		parts = List.copyOf(sorted);
	}

	/**
	 * The digest of one table's rows of a revision, or of one access-log row.
	 *
	 * @param kind {@code REVISION} or {@code ACCESS_LOG}
	 * @param ref the revision number or the access-log id
	 * @param part the table
	 * @param digest SHA-256 as audit_chain_parts computes it
	 */
	record Part(String kind, long ref, String part, byte[] digest) {
	}

	byte[] mac(Mac mac) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 64 * this.parts.size());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeUTF(FORMAT);
			out.writeLong(this.seq);
			write(out, this.previousMac);
			out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, this.sealedAt));
			out.writeUTF(this.kind);
			out.writeBoolean(this.reason != null);
			out.writeUTF((this.reason != null) ? this.reason : "");
			out.writeUTF(this.keyId);
			out.writeInt(this.parts.size());
			for (Part part : this.parts) {
				out.writeUTF(part.kind());
				out.writeLong(part.ref());
				out.writeUTF(part.part());
				write(out, part.digest());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return mac.doFinal(bytes.toByteArray());
	}

	private static void write(DataOutputStream out, byte[] value) throws IOException {
		out.writeInt(value.length);
		out.write(value);
	}

}
