package dk.coordination.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.audit.ReadPurpose;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.DanishTime;

/**
 * The read log for the auditor (data-protection officer): who read what, when and why, by
 * case or by person. The citizen's export answers a request for insight (EU Court
 * C-579/21: dates and purposes, and the organisations, without the employees'
 * identities). Reading the log is itself logged.
 */
@RestController
@Validated
@RequestMapping("/api/audit/access-log")
class AccessLogController {

	private final JdbcClient jdbc;

	private final AccessLog accessLog;

	private final CprProtector cprProtector;

	AccessLogController(JdbcClient jdbc, AccessLog accessLog, CprProtector cprProtector) {
		this.jdbc = jdbc;
		this.accessLog = accessLog;
		this.cprProtector = cprProtector;
	}

	@GetMapping
	@Transactional
	List<Entry> entries(@RequestParam(name = "case", required = false) UUID caseId,
			@RequestParam(required = false) String cpr,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
			@ReadPurpose("Tilsyn med adgang til personoplysninger") String purpose) {
		if ((caseId == null) == (cpr == null)) {
			throw new InvalidFieldException("case", "give exactly one of case and cpr");
		}
		String hash = (cpr != null) ? hashOf(cpr) : null;
		List<Entry> entries = this.jdbc.sql("""
				select read_at, username, organisation, case_id, what, purpose, request_id from access_log
				where (case_id = :case or subject_cpr_hash = :hash)
				order by read_at desc, id desc limit :limit
				""")
			.param("case", caseId)
			.param("hash", hash)
			.param("limit", limit)
			.query((rs, row) -> new Entry(rs.getTimestamp("read_at").toInstant(), rs.getString("username"),
					rs.getString("organisation"), rs.getObject("case_id", UUID.class), rs.getString("what"),
					rs.getString("purpose"), rs.getString("request_id")))
			.list();
		this.accessLog.record(new PersonalDataRead(caseId, hash, "ACCESS_LOG", purpose));
		return entries;
	}

	@GetMapping("/citizen-export")
	@Transactional
	CitizenExport citizenExport(@RequestParam String cpr,
			@ReadPurpose("Besvarelse af indsigtsanmodning") String purpose) {
		CprNumber number = parse(cpr);
		String hash = this.cprProtector.hash(number);
		List<CitizenRead> reads = this.jdbc.sql("""
				select l.read_at, coalesce(o.name, l.organisation) as organisation, l.purpose from access_log l
				left join organisation o on o.code = l.organisation
				where l.subject_cpr_hash = :hash and l.what <> 'ACCESS_LOG_EXPORT'
				order by l.read_at, l.id
				""")
			.param("hash", hash)
			.query((rs, row) -> new CitizenRead(
					rs.getTimestamp("read_at").toInstant().atZone(DanishTime.ZONE).toLocalDate(),
					rs.getString("organisation"), rs.getString("purpose")))
			.list();
		this.accessLog.record(new PersonalDataRead(null, hash, "ACCESS_LOG_EXPORT", purpose));
		return new CitizenExport(number.masked(), reads);
	}

	private String hashOf(String cpr) {
		return this.cprProtector.hash(parse(cpr));
	}

	private static CprNumber parse(String cpr) {
		try {
			return CprNumber.parse(cpr);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("cpr", ex.getMessage());
		}
	}

	/** One read, with the reader's identity: for the auditor only. */
	record Entry(Instant readAt, String username, String organisation, UUID caseId, String what, String purpose,
			String requestId) {
	}

	/** What a citizen is told: when, which authority, why; not which employee. */
	record CitizenExport(String subject, List<CitizenRead> reads) {
	}

	record CitizenRead(LocalDate date, String organisation, String purpose) {
	}

}
