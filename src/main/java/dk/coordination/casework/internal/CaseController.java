package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.internal.CaseService.VersionedCase;
import dk.coordination.casework.internal.CaseViews.CasePage;
import dk.coordination.casework.internal.CaseViews.CaseView;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PlausibleDate;

@RestController
@Validated
@RequestMapping("/api/cases")
class CaseController {

	private final CaseService cases;

	CaseController(CaseService cases) {
		this.cases = cases;
	}

	/**
	 * The cases the caller may see, filtered (see {@link CaseFilter}). {@code q} is a
	 * case number; a CPR number is searched with {@link #search}, since a query string
	 * ends up in proxy and server access logs.
	 */
	@GetMapping
	CasePage list(@RequestParam(required = false) CaseStatus status,
			@RequestParam(required = false) ConcernCategory category,
			@RequestParam(required = false) @Size(max = 64) String organisation,
			@RequestParam(required = false) Boolean urgent, @RequestParam(required = false) Boolean due,
			@RequestParam(required = false) Boolean newInformation,
			@RequestParam(required = false) @Size(max = 64) String q, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@ReadPurpose("Overblik over sager") String purpose) {
		if (CaseService.looksLikeCpr(q)) {
			throw new InvalidFieldException("q", CPR_IN_QUERY);
		}
		CaseFilter filter = new CaseFilter(status, category, organisation, urgent, due, newInformation,
				this.cases.searchFor(q, "q"));
		return this.cases.list(CurrentUser.required(), filter, cursor, size, purpose);
	}

	/**
	 * The case list with its filters in the body, for a search by CPR number (or case
	 * number) that must stay out of the query string.
	 */
	@PostMapping("/search")
	CasePage search(@Valid @RequestBody SearchRequest request, @ReadPurpose("Overblik over sager") String purpose) {
		CaseFilter filter = new CaseFilter(request.status(), request.category(), request.organisation(),
				request.urgent(), request.due(), request.newInformation(), this.cases.searchFor(request.q(), "q"));
		return this.cases.list(CurrentUser.required(), filter, request.cursor(),
				(request.size() != null) ? request.size() : 20, purpose);
	}

	static final String CPR_IN_QUERY = "a CPR number is not accepted in the query string, where proxies and access "
			+ "logs keep it; send it in the body: POST /api/cases/search with {\"q\": \"…\"}";

	/**
	 * @param q a case number or a CPR number, matched exactly
	 */
	record SearchRequest(CaseStatus status, ConcernCategory category, @Size(max = 64) String organisation,
			Boolean urgent, Boolean due, Boolean newInformation, @Size(max = 64) String q,
			@Size(max = 200) String cursor, @Min(1) @Max(100) Integer size) {
	}

	@GetMapping("/{id}")
	ResponseEntity<CaseView> get(@PathVariable UUID id, @ReadPurpose("Sagsbehandling") String purpose) {
		return withETag(this.cases.view(id, CurrentUser.required(), purpose));
	}

	@PostMapping("/{id}/transitions")
	ResponseEntity<CaseView> transition(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody TransitionRequest request, @ReadPurpose("Sagsbehandling") String purpose) {
		if (CaseWorkflow.needsClosingReason(request.to()) != (request.closingReason() != null)) {
			throw new InvalidFieldException("closingReason", CaseWorkflow.needsClosingReason(request.to())
					? "is required when closing a case" : "is only given when closing a case");
		}
		return withETag(this.cases.transition(id,
				new CaseService.Transition(request.to(), request.reason().strip(), request.closingReason()), ifMatch,
				CurrentUser.required(), purpose));
	}

	/**
	 * Sets when the secretariat looks at the case next; the follow-up list shows it from
	 * then.
	 */
	@PutMapping("/{id}/follow-up")
	ResponseEntity<CaseView> followUp(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody FollowUpRequest request, @ReadPurpose("Sagsbehandling") String purpose) {
		return withETag(this.cases.followUpOn(id, request.date(), ifMatch, CurrentUser.required(), purpose));
	}

	@GetMapping("/{id}/history")
	List<CaseHistory.Entry> history(@PathVariable UUID id, @ReadPurpose("Sagens historik") String purpose) {
		return this.cases.history(id, CurrentUser.required(), purpose);
	}

	/**
	 * What the secretariat tells the organisation that sent a referral; the submitter
	 * reads it with its own referrals ({@code GET /api/referrals?mine}).
	 */
	@PutMapping("/{id}/referrals/{referralId}/feedback")
	ReferralView feedback(@PathVariable UUID id, @PathVariable UUID referralId,
			@Valid @RequestBody FeedbackRequest request, @ReadPurpose("Sagsbehandling") String purpose) {
		return this.cases.giveFeedback(id, referralId, request.feedback().strip(), CurrentUser.required(), purpose);
	}

	/**
	 * @param feedback a short text for the submitter, in plain words
	 */
	record FeedbackRequest(@NotBlank @Size(max = 2000) String feedback) {
	}

	private static ResponseEntity<CaseView> withETag(VersionedCase versioned) {
		return ResponseEntity.ok().eTag(ETags.of(versioned.version())).body(versioned.view());
	}

	record FollowUpRequest(@NotNull @FutureOrPresent @PlausibleDate LocalDate date) {
	}

	record TransitionRequest(@NotNull CaseStatus to, @NotBlank @Size(max = 4000) String reason,
			ClosingReason closingReason) {
	}

}
