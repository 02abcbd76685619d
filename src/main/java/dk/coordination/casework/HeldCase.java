package dk.coordination.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One case as a request for insight sees it: all of its data about the person, and who
 * (which authority, never which employee) recorded or received it. Organisations are
 * their codes; the reader names them.
 *
 * @param subjectCprHash the keyed hash the case carries, for logging the read against the
 * person
 * @param cpr the CPR number as the case holds it, {@code DDMMYY-SSSS}
 * @param names every name the case and its referrals have held for the person, the
 * current one first
 * @param addresses likewise every address
 * @param statusHistory every status the case has had, oldest first, with the reason given
 */
public record HeldCase(UUID caseId, String caseNumber, String unitCode, String subjectCprHash, String cpr,
		String subjectName, String subjectAddress, List<String> names, List<String> addresses, Instant openedAt,
		CaseStatus status, ClosingReason closingReason, List<StatusEntry> statusHistory, List<Concern> referrals,
		List<Disclosure> disclosures, List<Task> tasks, List<Report> statusReports, List<Note> municipalNotes,
		List<Review> reviews) {

	/** A status the case entered; {@code reason} is what the secretariat wrote. */
	public record StatusEntry(Instant at, CaseStatus status, ClosingReason closingReason, String reason) {
	}

	/**
	 * A referral as submitted, with the feedback its submitter was given.
	 *
	 * @param subjectName the person's name as the submitter gave it
	 */
	public record Concern(Instant submittedAt, String organisation, ConcernCategory category, String concern,
			LegalBasis legalBasis, boolean urgent, String subjectName, String subjectAddress, String feedback,
			Instant feedbackAt) {
	}

	/**
	 * The case disclosed to a participating organisation.
	 *
	 * @param disclosedBy the organisation that disclosed (the secretariat's)
	 * @param until when the participation ended, null while it lasts
	 */
	public record Disclosure(String organisation, String disclosedBy, LegalBasis legalBasis, String purpose,
			String usageRestriction, Instant since, Instant until, String endReason) {
	}

	public record Task(String organisation, String description, LocalDate dueDate, TaskState state, String outcome,
			Instant givenAt, Instant updatedAt) {
	}

	public record Report(String organisation, Involvement involvement, String text, Instant reportedAt) {
	}

	/** A note in the municipality's own coordination thread. */
	public record Note(String organisation, String text, Instant writtenAt) {
	}

	/**
	 * A review of the closed case; {@code state} is PENDING, CONFIRMED, REOPENED or
	 * CANCELLED.
	 */
	public record Review(LocalDate dueDate, String state, String outcome) {
	}

}
