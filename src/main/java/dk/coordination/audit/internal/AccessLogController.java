package dk.coordination.audit.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.audit.internal.AccessLogSearch.CitizenExport;
import dk.coordination.audit.internal.AccessLogSearch.Criteria;
import dk.coordination.audit.internal.AccessLogSearch.Entry;
import dk.coordination.web.InvalidFieldException;

/**
 * The read log for the auditor (data-protection officer): who read what, when and why, by
 * case or by person. The citizen's export answers a request for insight (EU Court
 * C-579/21: dates and purposes, and the organisations, without the employees'
 * identities). Reading the log is itself logged. The auditor's pages ({@link AuditPages})
 * run the same {@link AccessLogSearch}.
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

	private final AccessLogSearch log;

	AccessLogController(AccessLogSearch log) {
		this.log = log;
	}

	/** By case only; a search by person goes through {@link #search}. */
	@GetMapping
	List<Entry> entries(@RequestParam(name = "case", required = false) UUID caseId,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
			@ReadPurpose("Tilsyn med adgang til personoplysninger") String purpose) {
		refuseCprInQuery(cprInQuery);
		if (caseId == null) {
			throw new InvalidFieldException("case",
					"give the case, or search by person with POST /api/audit/access-log/search");
		}
		return this.log.search(new Criteria(this.log.subject(caseId, null, null), null, null, null, null), 0, limit,
				purpose);
	}

	/**
	 * By exactly one of case id, case number and CPR number, optionally narrowed by
	 * period, the reader's organisation and words of the purpose.
	 */
	@PostMapping("/search")
	List<Entry> search(@Valid @RequestBody Search search,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@ReadPurpose("Tilsyn med adgang til personoplysninger") String purpose) {
		refuseCprInQuery(cprInQuery);
		Criteria criteria = new Criteria(this.log.subject(search.caseId(), search.caseNumber(), search.cpr()),
				search.from(), search.to(), search.organisation(), search.purpose());
		return this.log.search(criteria, 0, (search.limit() != null) ? search.limit() : 1000, purpose);
	}

	@PostMapping("/citizen-export")
	CitizenExport citizenExport(@Valid @RequestBody CitizenExportRequest request,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@ReadPurpose("Besvarelse af indsigtsanmodning") String purpose) {
		refuseCprInQuery(cprInQuery);
		return this.log.citizenExport(this.log.subject(null, null, request.cpr()), purpose);
	}

	/**
	 * The export's former address: an old client learns where it moved instead of getting
	 * a bare 405.
	 */
	@GetMapping(path = "/citizen-export", params = "cpr")
	void citizenExportByQuery(@RequestParam(name = "cpr") String cprInQuery) {
		refuseCprInQuery(cprInQuery);
	}

	private static void refuseCprInQuery(String cprInQuery) {
		if (cprInQuery != null) {
			throw new InvalidFieldException("cpr", CPR_IN_QUERY);
		}
	}

	/**
	 * A search of the log: by case (id or number) or by person, exactly one of them.
	 *
	 * @param from first day (Danish time) of the period, included
	 * @param to last day of the period, included
	 * @param organisation code of the readers' organisation
	 * @param purpose words the stated purpose contains (case-insensitive)
	 * @param limit how many entries, newest first (default 1000)
	 */
	record Search(@JsonProperty("case") UUID caseId, @Size(max = 32) String caseNumber, String cpr, LocalDate from,
			LocalDate to, @Size(max = 64) String organisation, @Size(max = 200) String purpose,
			@Min(1) @Max(10000) Integer limit) {
	}

	record CitizenExportRequest(@NotNull String cpr) {
	}

}
