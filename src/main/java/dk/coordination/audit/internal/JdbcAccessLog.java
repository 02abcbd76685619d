package dk.coordination.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.MDC;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.audit.RequestIds;
import dk.coordination.security.CurrentUser;

/**
 * Plain JDBC inserts joining the caller's transaction; a page of a list is one batch.
 */
@Component
class JdbcAccessLog implements AccessLog {

	private static final String INSERT = """
			insert into access_log (read_at, username, organisation, case_id, subject_cpr_hash, what, purpose, request_id,
			  correlation_id)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	JdbcAccessLog(JdbcTemplate jdbc, Clock clock) {
		this.clock = clock;
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
		this.jdbc.batchUpdate(INSERT, reads, reads.size(), (statement, read) -> {
			statement.setTimestamp(1, now);
			statement.setString(2, reader.username());
			statement.setString(3, reader.organisation());
			statement.setObject(4, read.caseId());
			statement.setString(5, read.subjectCprHash());
			statement.setString(6, read.what());
			statement.setString(7, read.purpose());
			statement.setString(8, requestId);
			statement.setString(9, correlationId);
		});
	}

}
