package dk.coordination.audit.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.internal.AuditChainVerification.Report;

/**
 * The auditor's check of the audit trail ({@code /api/audit/**} is the auditor's,
 * SecurityConfiguration). It reads digests and MACs, no personal data, so it is not
 * itself a read to log.
 */
@RestController
class AuditChainController {

	private final AuditChainVerification verification;

	AuditChainController(AuditChainVerification verification) {
		this.verification = verification;
	}

	@GetMapping("/api/audit/verification")
	Report verify() {
		return this.verification.verify();
	}

}
