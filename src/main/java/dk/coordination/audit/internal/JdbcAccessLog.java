package dk.coordination.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.audit.RequestIds;
import dk.coordination.security.CurrentUser;

/**
 * Plain JDBC inserts joining the caller's transaction; a page of a list is one statement.
 * The transaction seals the rows when it commits ({@link AuditChain}).
 */
@Component
class JdbcAccessLog implements AccessLog {

	// one statement for a whole page of reads, returning the ids and the digests the
	// audit chain seals (the digest as audit_chain_parts computes it, so sealing need not
	// read the rows again)
	private static final String INSERT = """
			insert into access_log (read_at, username, organisation, case_id, subject_cpr_hash, what, purpose, request_id,
			  correlation_id)
			select :readAt, :username, :organisation, r.case_id, r.subject_cpr_hash, r.what, r.purpose, :requestId,
			  :correlationId
			from unnest(cast(:cases as uuid[]), cast(:hashes as varchar[]), cast(:whats as varchar[]),
			            cast(:purposes as varchar[])) as r (case_id, subject_cpr_hash, what, purpose)
			returning id, audit_row_digest(to_jsonb(access_log.*)) as digest
			""";

	private final JdbcClient jdbc;

	private final AuditChain chain;

	private final Clock clock;

	JdbcAccessLog(JdbcClient jdbc, AuditChain chain, Clock clock) {
		this.clock = clock;
		this.chain = chain;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(PersonalDataRead read) {
		recordAll(List.of(read));
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAll(List<PersonalDataRead> reads) {
		if (reads.isEmpty()) {
			return;
		}
		CurrentUser reader = CurrentUser.current().orElse(CurrentUser.SYSTEM);
		Timestamp now = Timestamp.from(this.clock.instant());
		String requestId = MDC.get(RequestIds.MDC_KEY);
		String correlationId = MDC.get(RequestIds.CORRELATION_MDC_KEY);
		Map<Long, byte[]> digests = new LinkedHashMap<>();
		this.jdbc.sql(INSERT)
			.param("readAt", now)
			.param("username", reader.username())
			.param("organisation", reader.organisation())
			.param("requestId", requestId)
			.param("correlationId", correlationId)
			.param("cases", reads.stream().map(PersonalDataRead::caseId).toArray(UUID[]::new))
			.param("hashes", reads.stream().map(PersonalDataRead::subjectCprHash).toArray(String[]::new))
			.param("whats", reads.stream().map(PersonalDataRead::what).toArray(String[]::new))
			.param("purposes", reads.stream().map(PersonalDataRead::purpose).toArray(String[]::new))
			.query((row) -> {
				digests.put(row.getLong("id"), row.getBytes("digest"));
			});
		this.chain.writtenEntries(digests);
	}

}
