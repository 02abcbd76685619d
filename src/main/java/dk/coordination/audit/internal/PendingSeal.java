package dk.coordination.audit.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.transaction.Synchronization;

import dk.coordination.audit.internal.Seal.Part;

/**
 * What one transaction has written to the audit trail, sealed just before it commits.
 * <p>
 * Registered with Hibernate's transaction rather than Spring's: Envers writes a
 * revision's rows in Hibernate's own before-completion step, inside the commit, after
 * every Spring callback that runs before a commit. Hibernate notifies its registered
 * synchronizations after that step, so the seal sees the rows; and an exception here
 * fails the commit, so a transaction that cannot be sealed does not commit.
 */
final class PendingSeal implements Synchronization {

	private final AuditChain chain;

	private final Set<Long> revisions = new LinkedHashSet<>();

	// entries whose digest their insert returned, so sealing need not read them again
	private final Map<Long, byte[]> digestedEntries = new LinkedHashMap<>();

	private final Set<Long> resealedRevisions = new LinkedHashSet<>();

	private final Set<Long> resealedEntries = new LinkedHashSet<>();

	private final Set<String> reasons = new LinkedHashSet<>();

	PendingSeal(AuditChain chain) {
		this.chain = chain;
	}

	void written(long revision) {
		this.revisions.add(revision);
	}

	void digested(Map<Long, byte[]> entries) {
		this.digestedEntries.putAll(entries);
	}

	/** The digested entries as the seal lists them. */
	List<Part> digestedParts() {
		return this.digestedEntries.entrySet()
			.stream()
			.map((entry) -> new Part(AuditChain.ACCESS_LOG, entry.getKey(), "access_log", entry.getValue()))
			.toList();
	}

	void resealed(Collection<Long> revisions, Collection<Long> entries, String reason) {
		this.resealedRevisions.addAll(revisions);
		this.resealedEntries.addAll(entries);
		this.reasons.add(reason);
	}

	List<Long> revisions() {
		return List.copyOf(this.revisions);
	}

	List<Long> resealedRevisions() {
		return List.copyOf(this.resealedRevisions);
	}

	List<Long> resealedEntries() {
		return List.copyOf(this.resealedEntries);
	}

	/** Why rows were resealed, within a seal's 255 characters. */
	String reason() {
		String joined = String.join("; ", new ArrayList<>(this.reasons));
		return (joined.length() > 255) ? joined.substring(0, 254) + "…" : joined;
	}

	@Override
	public void beforeCompletion() {
		this.chain.seal(this);
	}

	@Override
	public void afterCompletion(int status) {
		// nothing: what was sealed committed or rolled back with the rows
	}

}
