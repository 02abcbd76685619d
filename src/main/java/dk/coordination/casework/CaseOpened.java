package dk.coordination.casework;

import java.util.UUID;

public record CaseOpened(UUID caseId, String unitCode, String caseNumber, boolean urgent) {
}
