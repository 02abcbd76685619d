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

	@GetMapping
	CasePage list(@RequestParam(required = false) CaseStatus status, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@ReadPurpose("Overblik over sager") String purpose) {
		return this.cases.list(CurrentUser.required(), status, cursor, size, purpose);
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
