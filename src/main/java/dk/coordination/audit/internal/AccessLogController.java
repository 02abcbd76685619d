package dk.coordination.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
 * <p>
 * A CPR number travels only in a request body: query strings end up in proxy and server
 * access logs, outside the service's control. A {@code cpr} query parameter is refused on
 * every endpoint here, with a detail that tells the caller where to put it instead.
 */
@RestController
@Validated
@RequestMapping("/api/audit/access-log")
class AccessLogController {

	static final String CPR_IN_QUERY = "a CPR number is not accepted in the query string, where proxies and access "
			+ "logs keep it; send it in the body: POST /api/audit/access-log/search with {\"cpr\": \"…\"}, or "
			+ "POST /api/audit/access-log/citizen-export with {\"cpr\": \"…\"}";

	private final JdbcClient jdbc;

	private final AccessLog accessLog;

	private final CprProtector cprProtector;

	AccessLogController(JdbcClient jdbc, AccessLog accessLog, CprProtector cprProtector) {
		this.jdbc = jdbc;
		this.accessLog = accessLog;
		this.cprProtector = cprProtector;
	}

	/** By case only; a search by person goes through {@link #search}. */
	@GetMapping
	@Transactional
	List<Entry> entries(@RequestParam(name = "case", required = false) UUID caseId,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
			@ReadPurpose("Tilsyn med adgang til personoplysninger") String purpose) {
		refuseCprInQuery(cprInQuery);
		if (caseId == null) {
			throw new InvalidFieldException("case",
					"give the case, or search by person with POST /api/audit/access-log/search");
		}
		return read(caseId, null, limit, purpose);
	}

	@PostMapping("/search")
	@Transactional
	List<Entry> search(@Valid @RequestBody Search search,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@ReadPurpose("Tilsyn med adgang til personoplysninger") String purpose) {
		refuseCprInQuery(cprInQuery);
		if ((search.caseId() == null) == (search.cpr() == null)) {
			throw new InvalidFieldException("case", "give exactly one of case and cpr");
		}
		String hash = (search.cpr() != null) ? this.cprProtector.hash(parse(search.cpr())) : null;
		return read(search.caseId(), hash, (search.limit() != null) ? search.limit() : 1000, purpose);
	}

	@PostMapping("/citizen-export")
	@Transactional
	CitizenExport citizenExport(@Valid @RequestBody CitizenExportRequest request,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@ReadPurpose("Besvarelse af indsigtsanmodning") String purpose) {
		refuseCprInQuery(cprInQuery);
		CprNumber number = parse(request.cpr());
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

	/**
	 * The export's former address: an old client learns where it moved instead of getting
	 * a bare 405.
	 */
	@GetMapping(path = "/citizen-export", params = "cpr")
	void citizenExportByQuery(@RequestParam(name = "cpr") String cprInQuery) {
		refuseCprInQuery(cprInQuery);
	}

	private List<Entry> read(UUID caseId, String hash, int limit, String purpose) {
		List<Entry> entries = this.jdbc.sql("""
				select read_at, username, organisation, case_id, what, purpose, request_id, correlation_id
				from access_log
				where (case_id = :case or subject_cpr_hash = :hash)
				order by read_at desc, id desc limit :limit
				""")
			.param("case", caseId)
			.param("hash", hash)
			.param("limit", limit)
			.query((rs, row) -> new Entry(rs.getTimestamp("read_at").toInstant(), rs.getString("username"),
					rs.getString("organisation"), rs.getObject("case_id", UUID.class), rs.getString("what"),
					rs.getString("purpose"), rs.getString("request_id"), rs.getString("correlation_id")))
			.list();
		this.accessLog.record(new PersonalDataRead(caseId, hash, "ACCESS_LOG", purpose));
		return entries;
	}

	private static void refuseCprInQuery(String cprInQuery) {
		if (cprInQuery != null) {
			throw new InvalidFieldException("cpr", CPR_IN_QUERY);
		}
	}

	private static CprNumber parse(String cpr) {
		try {
			return CprNumber.parse(cpr);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("cpr", ex.getMessage());
		}
	}

	/**
	 * A search of the log: by case or by person, exactly one of them.
	 *
	 * @param limit how many entries, newest first (default 1000)
	 */
	record Search(@JsonProperty("case") UUID caseId, String cpr, @Min(1) @Max(10000) Integer limit) {
	}

	record CitizenExportRequest(@NotNull String cpr) {
	}

	/** One read, with the reader's identity: for the auditor only. */
	record Entry(Instant readAt, String username, String organisation, UUID caseId, String what, String purpose,
			String requestId, String correlationId) {
	}

	/** What a citizen is told: when, which authority, why; not which employee. */
	record CitizenExport(String subject, List<CitizenRead> reads) {
	}

	record CitizenRead(LocalDate date, String organisation, String purpose) {
	}

}
