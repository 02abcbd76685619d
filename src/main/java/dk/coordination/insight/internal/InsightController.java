package dk.coordination.insight.internal;

import java.time.Clock;
import java.util.Comparator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.InvalidFieldException;

/**
 * {@code POST /api/insight} with {@code {"cpr": "…"}}: the answer to a person's request
 * for insight, for the auditor (the data-protection function that answers such requests;
 * see the security rules). JSON by default; with {@code Accept:
 * application/pdf} the Danish letter instead, the same answer printed. One handler
 * decides, so a client that accepts anything gets JSON rather than whichever mapping
 * Spring would rank first.
 * <p>
 * The CPR number travels only in the body: a {@code cpr} query parameter is a 400, as on
 * the read log's endpoints.
 */
@RestController
@RequestMapping("/api/insight")
class InsightController {

	static final String CPR_IN_QUERY = "a CPR number is not accepted in the query string, where proxies and access "
			+ "logs keep it; send it in the body: POST /api/insight with {\"cpr\": \"…\"}";

	private final InsightService insights;

	private final DanishFormat danish;

	private final Clock clock;

	InsightController(InsightService insights, DanishFormat danish, Clock clock) {
		this.insights = insights;
		this.danish = danish;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<?> insight(@RequestBody(required = false) InsightRequest request,
			@RequestParam(name = "cpr", required = false) String cprInQuery,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@ReadPurpose(InsightService.PURPOSE) String purpose) {
		if (cprInQuery != null) {
			throw new InvalidFieldException("cpr", CPR_IN_QUERY);
		}
		InsightService.Person person = this.insights.person((request != null) ? request.cpr() : null);
		Insight insight = this.insights.insight(person, purpose);
		if (!wantsPdf(accept)) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(insight);
		}
		return InsightLetter.download(insight, person.maskedCpr(), this.clock.instant(), this.danish);
	}

	/** Asked for PDF by name; {@code *}{@code /*} and no header mean JSON. */
	private static boolean wantsPdf(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		try {
			// the most wanted named type decides (a stable sort keeps the client's order
			// among equals)
			return MediaType.parseMediaTypes(accept)
				.stream()
				.sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
				.filter((type) -> !type.isWildcardType())
				.findFirst()
				.map(MediaType.APPLICATION_PDF::equalsTypeAndSubtype)
				.orElse(false);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	record InsightRequest(String cpr) {
	}

}
