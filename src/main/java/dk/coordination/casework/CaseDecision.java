package dk.coordination.casework;

import java.time.LocalDate;
import java.util.List;

/**
 * What a meeting decided about a case. Every part is optional; all of it is applied in
 * one transaction or none of it.
 *
 * @param transition a status change the workflow allows, or null
 * @param participants organisations to add, each a recorded disclosure
 * @param tasks tasks for participating organisations (added participants count)
 * @param nextFollowUp when to follow up next; null gives the unit's default for active
 * and monitored cases
 */
public record CaseDecision(Transition transition, List<Participant> participants, List<Task> tasks,
		LocalDate nextFollowUp) {

	public CaseDecision {
		participants = (participants != null) ? List.copyOf(participants) : List.of();
		tasks = (tasks != null) ? List.copyOf(tasks) : List.of();
	}

	public record Transition(CaseStatus to, String reason, ClosingReason closingReason) {
	}

	public record Participant(String organisation, LegalBasis legalBasis, String purpose) {
	}

	public record Task(String organisation, String description, LocalDate dueDate) {
	}

}
