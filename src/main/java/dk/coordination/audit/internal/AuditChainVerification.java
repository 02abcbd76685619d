package dk.coordination.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.crypto.Mac;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.internal.Seal.Part;

/**
 * Checks the audit chain against the rows: every seal's MAC from its items and the seal
 * before it (a changed, inserted or deleted seal or item breaks it), and every revision
 * and access-log row against the digest its latest seal holds (a changed row differs, a
 * deleted one is missing, an inserted one has no seal). The seals are read as a stream
 * and the rows in ranges of ids, so memory does not grow with the trail.
 */
@Service
class AuditChainVerification {

	/** How many broken links a report lists; the count is always complete. */
	static final int LISTED = 100;

	private static final int RANGE = 1000;

	private static final String CHAIN = """
			select s.seq, s.sealed_at, s.kind, s.reason, s.key_id, s.mac, i.kind as item_kind, i.ref, i.part, i.digest
			from audit_seal s
			left join audit_seal_item i on i.seal = s.seq
			order by s.seq
			""";

	private static final String LATEST = """
			select i.ref, i.part, i.digest, i.seal
			from audit_seal_item i
			join (select ref, max(seal) as seal from audit_seal_item
			      where kind = :kind and ref between :from and :to group by ref) latest
			  on latest.ref = i.ref and latest.seal = i.seal
			where i.kind = :kind
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final AuditChain chain;

	private final AuditChainKeys keys;

	private final Clock clock;

	AuditChainVerification(JdbcClient jdbc, JdbcTemplate jdbcTemplate, AuditChain chain, AuditChainKeys keys,
			Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.chain = chain;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * The result of one verification.
	 *
	 * @param intact whether no link is broken
	 * @param checkedAt when
	 * @param seals how many seals were checked
	 * @param revisions how many revisions were compared with their seals
	 * @param accessLogEntries how many access-log entries were compared with their seals
	 * @param head the last seal, to be noted down outside the database: a chain cut short
	 * at its end (its last seals and their rows deleted) is found only by comparing with
	 * a head noted earlier
	 * @param brokenLinks how many links are broken
	 * @param firstBrokenLink the earliest in the chain, null when intact
	 * @param listed the first {@value #LISTED} broken links in chain order
	 */
	record Report(boolean intact, Instant checkedAt, long seals, long revisions, long accessLogEntries, Head head,
			long brokenLinks, BrokenLink firstBrokenLink, List<BrokenLink> listed) {
	}

	/**
	 * The last seal.
	 *
	 * @param seal its number
	 * @param sealedAt when
	 * @param mac its MAC, hex
	 */
	record Head(long seal, Instant sealedAt, String mac) {
	}

	/**
	 * One link that does not hold.
	 *
	 * @param seal the seal it concerns (for a row: the seal that sealed it), null for a
	 * row no seal covers
	 * @param kind {@code SEAL}, {@code REVISION} or {@code ACCESS_LOG}
	 * @param ref the revision number or access-log id; for a seal, its number
	 * @param part the table, for a row
	 * @param problem {@code SEAL_MISSING}, {@code SEAL_ALTERED}, {@code UNKNOWN_KEY},
	 * {@code ALTERED}, {@code DELETED} or {@code INSERTED}
	 * @param detail what was found, in words
	 */
	record BrokenLink(Long seal, String kind, long ref, String part, String problem, String detail) {
	}

	private static final Comparator<BrokenLink> CHAIN_ORDER = Comparator
		.comparing(BrokenLink::seal, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing((link) -> !"SEAL".equals(link.kind()))
		.thenComparing(BrokenLink::kind)
		.thenComparingLong(BrokenLink::ref)
		.thenComparing(BrokenLink::part, Comparator.nullsFirst(Comparator.naturalOrder()));

	/** Collects broken links, keeping the earliest few. */
	private static final class Findings {

		private final TreeSet<BrokenLink> earliest = new TreeSet<>(CHAIN_ORDER);

		private long count;

		void add(BrokenLink link) {
			this.count++;
			this.earliest.add(link);
			if (this.earliest.size() > LISTED) {
				this.earliest.pollLast();
			}
		}

	}

	/**
	 * Checks the whole chain in one snapshot, so that a transaction sealing meanwhile is
	 * either wholly seen (its rows and its seal) or not at all.
	 * @return the report
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Report verify() {
		Instant checkedAt = this.clock.instant();
		Findings findings = new Findings();
		ChainWalk walk = walkChain(findings);
		long revisions = compareRows(AuditChain.REVISION, findings);
		long entries = compareRows(AuditChain.ACCESS_LOG, findings);
		List<BrokenLink> listed = new ArrayList<>(findings.earliest);
		return new Report(findings.count == 0, checkedAt, walk.seals, revisions, entries, walk.head, findings.count,
				listed.isEmpty() ? null : listed.get(0), listed);
	}

	private static final class ChainWalk {

		long seals;

		Head head;

		long expectedSeq = 1;

		byte[] previousMac = new byte[0];

		// the seal being read: its columns, and its items as they arrive
		long seq;

		Instant sealedAt;

		String kind;

		String reason;

		String keyId;

		byte[] mac;

		List<Part> parts = new ArrayList<>();

	}

	/** Streams the seals with their items, in order, and checks each MAC. */
	private ChainWalk walkChain(Findings findings) {
		ChainWalk walk = new ChainWalk();
		this.jdbcTemplate.query((connection) -> {
			var statement = connection.prepareStatement(CHAIN);
			// a cursor, not the whole chain in memory (the transaction keeps it open)
			statement.setFetchSize(2000);
			return statement;
		}, (row) -> {
			long seq = row.getLong("seq");
			if (walk.sealedAt == null || seq != walk.seq) {
				if (walk.sealedAt != null) {
					check(walk, findings);
				}
				walk.seq = seq;
				walk.sealedAt = row.getTimestamp("sealed_at").toInstant();
				walk.kind = row.getString("kind");
				walk.reason = row.getString("reason");
				walk.keyId = row.getString("key_id");
				walk.mac = row.getBytes("mac");
				walk.parts = new ArrayList<>();
			}
			String itemKind = row.getString("item_kind");
			if (itemKind != null) {
				walk.parts.add(new Part(itemKind, row.getLong("ref"), row.getString("part"), row.getBytes("digest")));
			}
		});
		if (walk.sealedAt != null) {
			check(walk, findings);
		}
		return walk;
	}

	private void check(ChainWalk walk, Findings findings) {
		walk.seals++;
		if (walk.seq != walk.expectedSeq) {
			String missing = (walk.seq == walk.expectedSeq + 1) ? "Seal " + walk.expectedSeq + " is missing"
					: "Seals " + walk.expectedSeq + " to " + (walk.seq - 1) + " are missing";
			findings.add(new BrokenLink(walk.expectedSeq, "SEAL", walk.expectedSeq, null, "SEAL_MISSING",
					missing + ": seal " + walk.seq + " follows "
							+ ((walk.expectedSeq > 1) ? "seal " + (walk.expectedSeq - 1) : "the start of the chain")));
		}
		Optional<Mac> mac = this.keys.mac(walk.keyId);
		if (mac.isEmpty()) {
			findings.add(new BrokenLink(walk.seq, "SEAL", walk.seq, null, "UNKNOWN_KEY",
					"Seal " + walk.seq + " was made with key " + walk.keyId
							+ ", which is not configured (coordination.audit.chain-key or previous-chain-keys)"));
		}
		else {
			Seal seal = new Seal(walk.seq, walk.previousMac, walk.sealedAt, walk.kind, walk.reason, walk.keyId,
					walk.parts);
			if (walk.seq == walk.expectedSeq && !Arrays.equals(seal.mac(mac.get()), walk.mac)) {
				findings.add(new BrokenLink(walk.seq, "SEAL", walk.seq, null, "SEAL_ALTERED", "Seal " + walk.seq
						+ " does not match its MAC: the seal, its items or its link to the seal before it was changed"));
			}
		}
		walk.previousMac = walk.mac;
		walk.expectedSeq = walk.seq + 1;
		walk.head = new Head(walk.seq, walk.sealedAt, HexFormat.of().formatHex(walk.mac));
	}

	private record Sealed(byte[] digest, long seal) {
	}

	/** One table's part of a revision, or an access-log entry. */
	private record Key(long ref, String part) {
	}

	/**
	 * Compares the rows of one kind, range by range, with the digests of their latest
	 * seals. Returns how many refs exist now.
	 */
	private long compareRows(String kind, Findings findings) {
		long highest = this.chain.highest(kind);
		long present = 0;
		for (long from = 1; from <= highest; from += RANGE) {
			long to = Math.min(highest, from + RANGE - 1);
			List<Long> ids = AuditChain.range(from, to);
			Map<Key, Part> current = new HashMap<>();
			for (Part part : this.chain.parts(kind, ids)) {
				current.put(new Key(part.ref(), part.part()), part);
			}
			Map<Key, Sealed> sealed = new HashMap<>();
			Map<Long, Long> sealOfRef = new HashMap<>();
			this.jdbc.sql(LATEST).param("kind", kind).param("from", from).param("to", to).query((row) -> {
				sealed.put(new Key(row.getLong("ref"), row.getString("part")),
						new Sealed(row.getBytes("digest"), row.getLong("seal")));
				sealOfRef.put(row.getLong("ref"), row.getLong("seal"));
			});
			present += current.values().stream().map(Part::ref).distinct().count();
			for (Map.Entry<Key, Part> entry : current.entrySet()) {
				Part part = entry.getValue();
				Sealed seal = sealed.get(entry.getKey());
				if (seal == null) {
					Long sealOfOtherParts = sealOfRef.get(part.ref());
					findings.add(new BrokenLink(sealOfOtherParts, kind, part.ref(), part.part(), "INSERTED",
							describe(kind, part.ref(), part.part()) + ((sealOfOtherParts == null)
									? " is not covered by any seal" : " is not covered by seal " + sealOfOtherParts
											+ ", which sealed the rest of it")));
				}
				else if (!Arrays.equals(seal.digest(), part.digest())) {
					findings.add(new BrokenLink(seal.seal(), kind, part.ref(), part.part(), "ALTERED",
							describe(kind, part.ref(), part.part()) + " differs from what seal " + seal.seal()
									+ " sealed"));
				}
			}
			for (Map.Entry<Key, Sealed> entry : sealed.entrySet()) {
				Key key = entry.getKey();
				if (!current.containsKey(key)) {
					findings.add(new BrokenLink(entry.getValue().seal(), kind, key.ref(), key.part(), "DELETED",
							describe(kind, key.ref(), key.part()) + ", sealed by seal " + entry.getValue().seal()
									+ ", is gone"));
				}
			}
		}
		return present;
	}

	private static String describe(String kind, long ref, String part) {
		return AuditChain.REVISION.equals(kind) ? "Revision " + ref + " in " + part : "Access-log entry " + ref;
	}

}
