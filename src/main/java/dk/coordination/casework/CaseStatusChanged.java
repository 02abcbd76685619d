package dk.coordination.casework;

import java.util.UUID;

public record CaseStatusChanged(UUID caseId, String unitCode, CaseStatus from, CaseStatus to,
		ClosingReason closingReason, String reason, String changedBy) {
}
