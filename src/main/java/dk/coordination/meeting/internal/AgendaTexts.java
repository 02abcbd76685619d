package dk.coordination.meeting.internal;

import java.util.Map;

/**
 * The Danish wording of why an item is on the agenda, as the invited read it.
 */
final class AgendaTexts {

	private static final Map<String, String> REASONS = Map.of("AWAITING_MEETING",
			"Ny bekymringshenvendelse til behandling", "FOLLOW_UP_DUE", "Opfølgning forfalder inden mødet",
			"OVERDUE_TASKS", "Opgaver er overskredet", "NEW_INFORMATION", "Nye oplysninger i sagen", "SECRETARIAT",
			"Sat på af sekretariatet", "REVIEW_DUE", "Gennemgang af lukket sag", AgendaItem.FREE, "Orientering");

	private AgendaTexts() {
	}

	static String reason(String reason) {
		return REASONS.getOrDefault(reason, reason);
	}

}
