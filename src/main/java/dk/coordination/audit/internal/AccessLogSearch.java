package dk.coordination.audit.internal;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonReads;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.web.DanishTime;
import dk.coordination.web.InvalidFieldException;

/**
 * The one query over the read log, for the API ({@link AccessLogController}) and the
 * auditor's pages ({@link AuditPages}) alike, the citizen's export, and the reads of a
 * person without the readers' identities that the insight module answers a request for
 * insight with ({@link PersonReads}). Every search and every export is itself a logged
 * read.
 * <p>
 * A case number is looked up in {@code concern_case} with SQL rather than through the
 * casework module, which depends on this one (it writes the log): the log keeps the
 * case's id, the auditor knows its number. Organisation names come from the
 * {@code organisation} table the same way, as the citizen's export always did.
 */
@Component
class AccessLogSearch implements PersonReads {

	static final String PURPOSE = "Tilsyn med adgang til personoplysninger";

	static final String EXPORT_PURPOSE = "Besvarelse af indsigtsanmodning";

	static final int MAX_LIMIT = 10000;

	private final JdbcClient jdbc;

	private final AccessLog accessLog;

	private final CprProtector cprProtector;

	AccessLogSearch(JdbcClient jdbc, AccessLog accessLog, CprProtector cprProtector) {
		this.jdbc = jdbc;
		this.accessLog = accessLog;
		this.cprProtector = cprProtector;
	}

	/**
	 * The subject of a search from what the caller gave: exactly one of a case id, a case
	 * number and a CPR number (kept only as its keyed hash and masked form).
	 * @throws InvalidFieldException for none or several, or a CPR number that is not one
	 */
	Subject subject(UUID caseId, String caseNumber, String cpr) {
		String number = (caseNumber != null && !caseNumber.isBlank()) ? caseNumber.strip() : null;
		int given = ((caseId != null) ? 1 : 0) + ((number != null) ? 1 : 0) + ((cpr != null) ? 1 : 0);
		if (given != 1) {
			throw new InvalidFieldException("case", "give exactly one of case, caseNumber and cpr");
		}
		if (cpr != null) {
			CprNumber parsed = parse(cpr);
			return new Subject(null, null, this.cprProtector.hashes(parsed), parsed.masked());
		}
		return new Subject(caseId, (number != null) ? number.toUpperCase(Locale.ROOT) : null, null, null);
	}

	/** The reads matching, newest first; the search itself is logged as a read. */
	@Transactional
	List<Entry> search(Criteria criteria, int offset, int limit, String purpose) {
		Subject subject = criteria.subject();
		UUID caseId = (subject.caseNumber() != null) ? caseIdOf(subject.caseNumber()) : subject.caseId();
		List<Entry> entries = List.of();
		if (caseId != null || subject.isPerson()) {
			entries = this.jdbc.sql("""
					select l.read_at, l.username, l.organisation, l.case_id, c.case_number, l.what, l.purpose,
					       l.request_id, l.correlation_id
					from access_log l left join concern_case c on c.id = l.case_id
					where (l.case_id = :case or l.subject_cpr_hash = any(cast(:hashes as varchar[])))
					  and (cast(:from as timestamptz) is null or l.read_at >= :from)
					  and (cast(:to as timestamptz) is null or l.read_at < :to)
					  and (cast(:organisation as varchar) is null or l.organisation = :organisation)
					  and (cast(:purpose as varchar) is null or l.purpose ilike :purpose escape '\\')
					order by l.read_at desc, l.id desc offset :offset limit :limit
					""")
				.param("case", caseId)
				.param("hashes", subject.hashesParameter())
				.param("from", startOf(criteria.from()))
				.param("to", startOf((criteria.to() != null) ? criteria.to().plusDays(1) : null))
				.param("organisation", criteria.organisation())
				.param("purpose", (criteria.purpose() != null) ? "%" + likeEscaped(criteria.purpose()) + "%" : null)
				.param("offset", offset)
				.param("limit", limit)
				.query((rs, row) -> new Entry(rs.getTimestamp("read_at").toInstant(), rs.getString("username"),
						rs.getString("organisation"), rs.getObject("case_id", UUID.class), rs.getString("case_number"),
						rs.getString("what"), rs.getString("purpose"), rs.getString("request_id"),
						rs.getString("correlation_id")))
				.list();
		}
		this.accessLog.record(new PersonalDataRead(caseId, subject.cprHash(), "ACCESS_LOG", purpose));
		return entries;
	}

	/**
	 * What a citizen is told of the reads of their data: dates, authorities, purposes; no
	 * employees. Logged as {@code ACCESS_LOG_EXPORT}, which the export itself leaves out.
	 */
	@Transactional
	CitizenExport citizenExport(Subject person, String purpose) {
		List<CitizenRead> reads = of(person.cprHashes()).stream()
			.map((read) -> new CitizenRead(read.readAt().atZone(DanishTime.ZONE).toLocalDate(), read.organisation(),
					read.purpose()))
			.toList();
		this.accessLog.record(new PersonalDataRead(null, person.cprHash(), "ACCESS_LOG_EXPORT", purpose));
		return new CitizenExport(person.maskedCpr(), reads);
	}

	@Override
	@Transactional(readOnly = true)
	public List<LoggedRead> of(Collection<String> cprHashes) {
		if (cprHashes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select l.read_at, l.case_id, l.organisation as code, coalesce(o.name, l.organisation) as organisation,
				       l.purpose
				from access_log l left join organisation o on o.code = l.organisation
				where l.subject_cpr_hash in (:hashes) and l.what not in ('ACCESS_LOG_EXPORT', :insight)
				order by l.read_at, l.id
				""")
			.param("hashes", cprHashes)
			.param("insight", INSIGHT)
			.query((rs, row) -> new LoggedRead(rs.getTimestamp("read_at").toInstant(),
					rs.getObject("case_id", UUID.class), rs.getString("code"), rs.getString("organisation"),
					rs.getString("purpose")))
			.list();
	}

	/** The organisations readers belong to, by name: the page's filter. */
	@Transactional(readOnly = true)
	List<Organisation> organisations() {
		return this.jdbc.sql("select code, name from organisation order by name, code")
			.query((rs, row) -> new Organisation(rs.getString("code"), rs.getString("name")))
			.list();
	}

	static CprNumber parse(String cpr) {
		try {
			return CprNumber.parse(cpr);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("cpr", ex.getMessage());
		}
	}

	private UUID caseIdOf(String caseNumber) {
		return this.jdbc.sql("select id from concern_case where upper(case_number) = :number")
			.param("number", caseNumber)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	private static Timestamp startOf(LocalDate day) {
		return (day != null) ? Timestamp.from(day.atStartOfDay(DanishTime.ZONE).toInstant()) : null;
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Whose reads: a case (by id or number) or a person (by the keyed hashes of the CPR
	 * number, never the number). Kept in the session by the pages, hence serializable.
	 *
	 * @param cprHashes the hash under every configured key, the current key's first: a
	 * read logged before a key rotation has re-keyed it still carries an earlier key's
	 * @param maskedCpr the CPR number as the pages show it, {@code ddmmyy-xxxx}
	 */
	record Subject(UUID caseId, String caseNumber, List<String> cprHashes, String maskedCpr) implements Serializable {

		Subject {
			cprHashes = (cprHashes != null) ? List.copyOf(cprHashes) : null;
		}

		public boolean isPerson() {
			return this.cprHashes != null;
		}

		/** The hash a new read of the person is logged under: the current key's. */
		String cprHash() {
			return isPerson() ? this.cprHashes.get(0) : null;
		}

		/** For {@code = any(:hashes)}; null, which matches nothing, for a case. */
		String[] hashesParameter() {
			return isPerson() ? this.cprHashes.toArray(String[]::new) : null;
		}

	}

	/**
	 * A search: whose reads, and optionally the period (days in Danish time, both
	 * included), the reader's organisation, and words of the purpose.
	 */
	record Criteria(Subject subject, LocalDate from, LocalDate to, String organisation,
			String purpose) implements Serializable {

		Criteria {
			if (from != null && to != null && to.isBefore(from)) {
				throw new InvalidFieldException("to", "must not be before from");
			}
			organisation = (organisation != null && !organisation.isBlank()) ? organisation.strip() : null;
			purpose = (purpose != null && !purpose.isBlank()) ? purpose.strip() : null;
		}

	}

	/** One read, with the reader's identity: for the auditor only. */
	record Entry(Instant readAt, String username, String organisation, UUID caseId, String caseNumber, String what,
			String purpose, String requestId, String correlationId) {
	}

	/** What a citizen is told: when, which authority, why; not which employee. */
	record CitizenExport(String subject, List<CitizenRead> reads) {
	}

	record CitizenRead(LocalDate date, String organisation, String purpose) {
	}

	record Organisation(String code, String name) {
	}

}
