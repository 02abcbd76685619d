package dk.coordination.audit.internal;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dk.coordination.web.PageController;

/**
 * Tilsyn → Kontrol af revisionssporet (role {@code auditor}, like every {@code /tilsyn}
 * page): the same check as {@code GET /api/audit/verification}, with the head to note
 * down outside the system and the broken links in chain order. Each visit checks the
 * chain again; it reads digests and MACs only, so nothing here is a read to log.
 */
@PageController
class AuditChainPages {

	private final AuditChainVerification verification;

	AuditChainPages(AuditChainVerification verification) {
		this.verification = verification;
	}

	@GetMapping("/tilsyn/kontrol")
	String check(Model model) {
		model.addAttribute("report", this.verification.verify());
		return "audit/kontrol";
	}

}
