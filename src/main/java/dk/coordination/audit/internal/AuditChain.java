package dk.coordination.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dk.coordination.audit.AuditSeals;
import dk.coordination.audit.internal.Seal.Part;

/**
 * Writes the audit chain (migration V19, docs/data-protection.md): every transaction that
 * writes revisions or access-log entries, or rewrites them through a privileged function,
 * ends with one seal per kind of change, linked to the seal before it. The chain's lock
 * is taken only then, just before the commit, and held until the commit, so seals are
 * numbered in commit order and a transaction waits for it only as long as another one
 * takes to seal and commit.
 */
@Component
class AuditChain implements AuditSeals, DisposableBean {

	/**
	 * A chain begun on a database that already has rows seals them in batches this big.
	 */
	static final int GENESIS_BATCH = 1000;

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	/** The genesis logs its progress every so many seals: it can take minutes. */
	private static final int GENESIS_PROGRESS = 500;

	/** How often the genesis has its plans made again; see {@link #genesis()}. */
	private static final int GENESIS_REPLAN = 10;

	/** Rows fetched at a time while the genesis streams the digests. */
	private static final int GENESIS_FETCH = 10_000;

	/**
	 * Every revision's digests, as audit_chain_parts computes them, in revision order.
	 */
	private static final String GENESIS_REVISIONS = """
			select p.ref, p.part, p.digest from (
			    select r.id as ref, 'audit_revision'::text as part, audit_row_digest(to_jsonb(r)) as digest
			    from audit_revision r
			    union all
			    select h.rev, h.part, h.digest from audit_history_parts_all() h
			) p
			order by p.ref, p.part
			""";

	private static final String GENESIS_ENTRIES = """
			select l.id as ref, 'access_log'::text as part, audit_row_digest(to_jsonb(l)) as digest
			from access_log l
			order by l.id
			""";

	static final String REVISION = "REVISION";

	static final String ACCESS_LOG = "ACCESS_LOG";

	/** What the chain seals: revisions (with their *_aud rows) and access-log entries. */
	static final List<String> KINDS = List.of(REVISION, ACCESS_LOG);

	private static final String PARTS = """
			select kind, ref, part, digest from audit_chain_parts(cast(:revisions as bigint[]), cast(:entries as bigint[]))
			""";

	private static final String INSERT = """
			with seal as (
			    insert into audit_seal (seq, sealed_at, kind, reason, key_id, mac)
			    values (:seq, :sealedAt, :kind, :reason, :keyId, :mac)
			    returning seq
			)
			insert into audit_seal_item (seal, kind, ref, part, digest)
			select seal.seq, i.kind, i.ref, i.part, i.digest
			from seal, unnest(cast(:kinds as varchar[]), cast(:refs as bigint[]), cast(:parts as varchar[]),
			                  cast(:digests as bytea[])) as i (kind, ref, part, digest)
			""";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final EntityManagerFactory entityManagerFactory;

	private final AuditChainKeys keys;

	private final Clock clock;

	private DataSource headReader;

	AuditChain(JdbcClient jdbc, DataSource dataSource, EntityManagerFactory entityManagerFactory, AuditChainKeys keys,
			Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.entityManagerFactory = entityManagerFactory;
		this.keys = keys;
		this.clock = clock;
	}

	/** A revision the current transaction has just inserted. */
	void revisionWritten(long revision) {
		pending().written(revision);
	}

	/**
	 * Access-log entries the current transaction has just inserted, with the digests
	 * their insert returned ({@code audit_row_digest(to_jsonb(row))}, what
	 * audit_chain_parts computes).
	 */
	void writtenEntries(Map<Long, byte[]> digests) {
		pending().digested(digests);
	}

	@Override
	public void resealed(Collection<Long> revisions, Collection<Long> accessLogEntries, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("a reseal needs its reason");
		}
		pending().resealed(revisions, accessLogEntries, reason);
	}

	/** The current transaction's pending seal, registered on first use. */
	private PendingSeal pending() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Audit rows are written inside a transaction, which seals them");
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Registered registered) {
				return registered.seal();
			}
		}
		PendingSeal seal = new PendingSeal(this);
		// Spring's list finds it again within this transaction, and a REQUIRES_NEW
		// transaction, which suspends that list, gets a seal of its own
		TransactionSynchronizationManager.registerSynchronization(new Registered(seal));
		// the transaction's own entity manager: the shared proxy refuses getTransaction()
		EntityManager entityManager = EntityManagerFactoryUtils
			.getTransactionalEntityManager(this.entityManagerFactory);
		if (entityManager == null) {
			throw new IllegalStateException("Audit rows are written in a JPA transaction, which seals them");
		}
		entityManager.unwrap(Session.class).getTransaction().registerSynchronization(seal);
		return seal;
	}

	/** Marks the transaction's seal in Spring's synchronizations; does nothing itself. */
	private record Registered(PendingSeal seal) implements TransactionSynchronization {
	}

	/** Called by the pending seal just before its transaction commits. */
	void seal(PendingSeal pending) {
		boolean written = !pending.revisions().isEmpty() || !pending.digestedParts().isEmpty();
		boolean resealed = !pending.resealedRevisions().isEmpty() || !pending.resealedEntries().isEmpty();
		if (!written && !resealed) {
			return;
		}
		// the digests before the lock: the rows are this transaction's own, and computing
		// them is the slow part, which would otherwise hold up every other writer (a
		// read's came back from its insert)
		List<Part> writtenParts = new ArrayList<>(pending.digestedParts());
		if (!pending.revisions().isEmpty()) {
			writtenParts.addAll(parts(REVISION, pending.revisions()));
		}
		List<Part> resealedParts = resealed ? parts(pending.resealedRevisions(), pending.resealedEntries()) : List.of();
		Head head = lockHead().orElseGet(this::genesis);
		if (written) {
			head = write(head, "COMMIT", null, writtenParts);
		}
		if (resealed) {
			write(head, "RESEAL", pending.reason(), resealedParts);
		}
	}

	/**
	 * Begins the chain if it has no seal yet, sealing the rows already there; called once
	 * at start-up so that the first request does not have to.
	 */
	void begin() {
		if (lockHead().isEmpty()) {
			genesis();
		}
	}

	/**
	 * The first seals: whatever audit rows exist when the chain begins (none on a new
	 * database; everything written before V19 on an upgraded one), in batches of
	 * {@link #GENESIS_BATCH} consecutive revision numbers or access-log ids. The digests
	 * come from one scan of each table, streamed in order, not from a lookup per batch:
	 * on the million-case data set (7 million revisions in scattered rows) looking each
	 * batch up took two hours of random reads; the scans take minutes. Only one batch is
	 * held in memory at a time.
	 */
	private Head genesis() {
		JdbcTemplate stream = new JdbcTemplate(this.dataSource);
		stream.setFetchSize(GENESIS_FETCH);
		Head head = new Head(0, new byte[0]);
		for (String kind : KINDS) {
			Head previous = head;
			head = stream.query(REVISION.equals(kind) ? GENESIS_REVISIONS : GENESIS_ENTRIES,
					(ResultSetExtractor<Head>) (rows) -> sealStreamed(kind, rows, previous));
		}
		return (head.seq() > 0) ? head : write(head, "GENESIS", null, List.of());
	}

	/** Seals the streamed digests of one kind, a batch of ids at a time. */
	private Head sealStreamed(String kind, ResultSet rows, Head previous) throws SQLException {
		Head head = previous;
		List<Part> batch = new ArrayList<>();
		long batchNumber = -1;
		while (rows.next()) {
			long ref = rows.getLong("ref");
			long number = (ref - 1) / GENESIS_BATCH;
			if (number != batchNumber && !batch.isEmpty()) {
				head = write(head, "GENESIS", null, batch);
				batch.clear();
				if (head.seq() % GENESIS_REPLAN == 0) {
					// Each item's foreign key is checked by a plan PostgreSQL made once
					// for this connection, when audit_seal was all but empty: a scan of
					// the whole table, which this transaction keeps growing and which no
					// ANALYZE can see until it commits. Planned again, the check uses the
					// primary key; without this, sealing 7 million revisions slowed down
					// quadratically into hours.
					this.jdbc.sql("discard plans").update();
				}
				if (head.seq() % GENESIS_PROGRESS == 0) {
					log.info("Audit chain genesis: {} seals written, {} {} sealed so far", head.seq(), kind, ref - 1);
				}
			}
			batchNumber = number;
			batch.add(new Part(kind, ref, rows.getString("part"), rows.getBytes("digest")));
		}
		return batch.isEmpty() ? head : write(head, "GENESIS", null, batch);
	}

	/**
	 * The highest revision number or access-log id there is, in the rows or in the seals
	 * (a sealed row may be gone): ranges up to it reach everything to seal or verify.
	 */
	long highest(String kind) {
		String rows = REVISION.equals(kind) ? "audit_revision_max()" : "(select coalesce(max(id), 0) from access_log)";
		return this.jdbc
			.sql("select greatest(" + rows
					+ ", (select coalesce(max(ref), 0) from audit_seal_item where kind = :kind))")
			.param("kind", kind)
			.query(Long.class)
			.single();
	}

	/** The current digests of these revisions or access-log entries. */
	List<Part> parts(String kind, List<Long> ids) {
		return REVISION.equals(kind) ? parts(ids, List.of()) : parts(List.of(), ids);
	}

	static List<Long> range(long from, long to) {
		List<Long> ids = new ArrayList<>((int) (to - from + 1));
		for (long id = from; id <= to; id++) {
			ids.add(id);
		}
		return ids;
	}

	List<Part> parts(List<Long> revisions, List<Long> entries) {
		return this.jdbc.sql(PARTS)
			.param("revisions", revisions.toArray(Long[]::new))
			.param("entries", entries.toArray(Long[]::new))
			.query((row, n) -> new Part(row.getString("kind"), row.getLong("ref"), row.getString("part"),
					row.getBytes("digest")))
			.list();
	}

	private Head write(Head previous, String kind, String reason, List<Part> parts) {
		String keyId = this.keys.currentId();
		Seal seal = new Seal(previous.seq() + 1, previous.mac(), this.clock.instant(), kind, reason, keyId, parts);
		byte[] mac = seal.mac(this.keys.mac(keyId).orElseThrow());
		this.jdbc.sql(INSERT)
			.param("seq", seal.seq())
			.param("sealedAt", Timestamp.from(seal.sealedAt()))
			.param("kind", kind)
			.param("reason", reason)
			.param("keyId", keyId)
			.param("mac", mac)
			.param("kinds", seal.parts().stream().map(Part::kind).toArray(String[]::new))
			.param("refs", seal.parts().stream().map(Part::ref).toArray(Long[]::new))
			.param("parts", seal.parts().stream().map(Part::part).toArray(String[]::new))
			.param("digests", seal.parts().stream().map(Part::digest).toArray(byte[][]::new))
			.update();
		return new Head(seal.seq(), mac);
	}

	/**
	 * Takes the chain's lock for the rest of the transaction and reads the last seal.
	 * Under READ COMMITTED the function's select sees the seal the previous holder of the
	 * lock committed. A REPEATABLE READ (or SERIALIZABLE) transaction still sees the
	 * snapshot of its first statement, which may predate that seal, so it reads the head
	 * on a connection of its own; holding the lock, it knows no seal can follow
	 * meanwhile.
	 */
	private Optional<Head> lockHead() {
		Optional<Head> head = this.jdbc.sql("select seq, mac from audit_seal_lock_head()")
			.query((row, n) -> new Head(row.getLong("seq"), row.getBytes("mac")))
			.optional();
		Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
		if (isolation == null || isolation < TransactionDefinition.ISOLATION_REPEATABLE_READ) {
			return head;
		}
		try (Connection connection = headReader().getConnection();
				PreparedStatement statement = connection
					.prepareStatement("select seq, mac from audit_seal order by seq desc limit 1");
				ResultSet row = statement.executeQuery()) {
			return row.next() ? Optional.of(new Head(row.getLong("seq"), row.getBytes("mac"))) : Optional.empty();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the audit chain's last seal", ex);
		}
	}

	/**
	 * A pool of one connection for reading the head beside a REPEATABLE READ transaction.
	 * Only the holder of the chain's lock uses it, so it is never waited for; taken from
	 * the service's own pool instead, a holder could wait for a connection held by the
	 * transactions queueing for its lock.
	 */
	private synchronized DataSource headReader() throws SQLException {
		if (this.headReader == null) {
			if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
				HikariConfig config = new HikariConfig();
				this.dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
				config.setPoolName("audit-chain-head");
				config.setMaximumPoolSize(1);
				config.setMinimumIdle(0);
				config.setReadOnly(true);
				this.headReader = new HikariDataSource(config);
			}
			else {
				this.headReader = this.dataSource;
			}
		}
		return this.headReader;
	}

	@Override
	public synchronized void destroy() {
		if (this.headReader instanceof HikariDataSource pool && this.headReader != this.dataSource) {
			pool.close();
		}
	}

	/** The last seal: the next one links to it. */
	record Head(long seq, byte[] mac) {
	}

}
