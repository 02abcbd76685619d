package dk.coordination.referral.internal;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.IntakeResult;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.InvalidFieldException;

@RestController
class ReferralController {

	private final CaseIntake intake;

	ReferralController(CaseIntake intake) {
		this.intake = intake;
	}

	/**
	 * Submits a concern. The submitting user and organisation come from the token; a body
	 * cannot claim to be someone else.
	 */
	@PostMapping("/api/referrals")
	ResponseEntity<Submitted> submit(@Valid @RequestBody ReferralRequest request) {
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
		return ResponseEntity.created(URI.create("/api/cases/" + result.caseId()))
			.body(new Submitted(result.caseId(), result.caseNumber(), result.status(),
					result.attachedToExistingCase()));
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

	record Submitted(UUID caseId, String caseNumber, CaseStatus status, boolean attachedToExistingCase) {
	}

}
