package dk.coordination.referral.internal;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.CaseIntake.OwnReferrals;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.IntakeResult;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.casework.SubmittedReferral;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.IdempotentRequests;
import dk.coordination.web.InvalidFieldException;

@RestController
@Validated
class ReferralController {

	private final CaseIntake intake;

	private final IdempotentRequests idempotent;

	ReferralController(CaseIntake intake, IdempotentRequests idempotent) {
		this.intake = intake;
		this.idempotent = idempotent;
	}

	// the submitting user and organisation come from the token; a body cannot claim to be
	// someone else
	/**
	 * Submits a concern. The answer is a receipt for the referral and is the same whether
	 * or not the person already has a case, so intake cannot be used to find out; only
	 * the secretariat sees where the referral went.
	 */
	@PostMapping("/api/referrals")
	ResponseEntity<Receipt> submit(@Valid @RequestBody ReferralRequest request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		return this.idempotent.once(idempotencyKey, "POST /api/referrals", request, Receipt.class,
				() -> submit(request));
	}

	private ResponseEntity<Receipt> submit(ReferralRequest request) {
		CprNumber cpr;
		try {
			cpr = CprNumber.parse(request.subject().cpr());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("subject.cpr", ex.getMessage());
		}
		IntakeResult result = this.intake.submit(new NewReferral(request.unit().strip(), cpr,
				request.subject().name().strip(), blankToNull(request.subject().address()), request.concern().strip(),
				request.category(), request.legalBasis(), Boolean.TRUE.equals(request.urgent())),
				CurrentUser.required());
		return ResponseEntity.created(URI.create("/api/referrals/" + result.referralId()))
			.body(new Receipt(result.referralId(), result.receiptNumber(), result.receivedAt(), result.unitCode()));
	}

	/**
	 * The referrals the caller's organisation sent, newest first: content, state and the
	 * secretariat's feedback. {@code mine} is required, so the list can never be mistaken
	 * for a search of other organisations' referrals.
	 */
	@GetMapping("/api/referrals")
	OwnReferrals mine(@RequestParam(required = false) String mine, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@ReadPurpose("Opfølgning på egne henvendelser") String purpose) {
		if (mine == null) {
			throw new InvalidFieldException("mine",
					"is required: this lists only your organisation's own referrals (GET /api/referrals?mine)");
		}
		return this.intake.ownReferrals(CurrentUser.required(), cursor, size, purpose);
	}

	@GetMapping("/api/referrals/{id}")
	SubmittedReferral one(@PathVariable UUID id, @ReadPurpose("Opfølgning på egne henvendelser") String purpose) {
		return this.intake.ownReferral(id, CurrentUser.required(), purpose);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	record ReferralRequest(@NotBlank @Size(max = 32) String unit, @NotNull @Valid SubjectRequest subject,
			@NotBlank @Size(max = 20000) String concern, @NotNull ConcernCategory category,
			@NotNull LegalBasis legalBasis, Boolean urgent) {
	}

	record SubjectRequest(@NotBlank String cpr, @NotBlank @Size(max = 255) String name,
			@Size(max = 500) String address) {
	}

	/** The submitter's receipt: about the referral, never about a case. */
	record Receipt(UUID referralId, String receiptNumber, Instant receivedAt, String unit) {
	}

}
