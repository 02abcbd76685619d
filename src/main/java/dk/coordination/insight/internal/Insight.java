package dk.coordination.insight.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
import dk.coordination.meeting.MeetingState;

/**
 * The answer to a request for insight: the JSON of {@code POST /api/insight}, and what
 * the page and the letter print. Authorities are named (code and name), employees never:
 * no field holds a username. Every coded value comes with its Danish text
 * ({@code ...Text}), the words the letter uses.
 *
 * @param person what the cases hold to identify the person; empty lists when the service
 * holds nothing
 * @param otherReads reads of the person that were not of one of the cases, e.g. the
 * auditor's search of the read log by CPR number
 */
record Insight(Person person, List<Case> cases, List<Read> otherReads) {

	/** The reads of every case and the others together, oldest first. */
	public List<Read> allReads() {
		return Stream.concat(this.cases.stream().flatMap((held) -> held.reads().stream()), this.otherReads.stream())
			.sorted(Comparator.comparing(Read::at))
			.toList();
	}

	/**
	 * @param cprNumbers the CPR number as each case holds it, {@code DDMMYY-SSSS}
	 */
	record Person(List<String> cprNumbers, List<String> names, List<String> addresses) {
	}

	record Authority(String code, String name) {
	}

	/**
	 * @param subject the person as the case holds them now
	 * @param disclosures first the submitters' to the unit, then the unit's to the
	 * participating authorities, oldest first
	 * @param meetings the meetings where the case was on the agenda
	 */
	record Case(String caseNumber, Authority unit, Instant openedAt, CaseStatus status, String statusText,
			ClosingReason closingReason, String closingReasonText, Subject subject, List<Status> statusHistory,
			List<Referral> referrals, List<Disclosure> disclosures, List<Task> tasks, List<StatusReport> statusReports,
			List<Note> municipalNotes, List<Review> reviews, List<Meeting> meetings, List<Read> reads) {
	}

	record Subject(String name, String address) {
	}

	/**
	 * @param reason what the secretariat wrote when the case entered the status
	 */
	record Status(Instant at, CaseStatus status, String statusText, ClosingReason closingReason,
			String closingReasonText, String reason) {
	}

	/**
	 * @param authority the submitting organisation, not its employee
	 * @param subjectAsGiven the person as the submitter described them
	 * @param feedback what the unit told the submitter
	 */
	record Referral(Instant submittedAt, Authority authority, ConcernCategory category, String categoryText,
			String concern, LegalBasis legalBasis, String legalBasisText, boolean urgent, Subject subjectAsGiven,
			String feedback, Instant feedbackAt) {
	}

	/**
	 * @param until null while the receiving authority still takes part
	 */
	record Disclosure(Authority from, Authority to, LegalBasis legalBasis, String legalBasisText, String purpose,
			String usageRestriction, Instant since, Instant until, String endReason) {
	}

	record Task(Authority authority, String description, LocalDate dueDate, TaskState state, String stateText,
			String outcome, Instant givenAt, Instant updatedAt) {
	}

	record StatusReport(Authority authority, Involvement involvement, String involvementText, String text,
			Instant reportedAt) {
	}

	record Note(Authority authority, String text, Instant writtenAt) {
	}

	record Review(LocalDate dueDate, String state, String stateText, String outcome) {
	}

	/**
	 * @param item the item's place on the agenda
	 * @param decision the minutes of the decision, when one was recorded
	 */
	record Meeting(Instant date, MeetingState meetingState, String meetingStateText, int item, String title,
			String decision, Instant decidedAt) {
	}

	/**
	 * @param date the day of the read, Danish time
	 * @param caseNumber the case read, null for {@link Insight#otherReads}
	 */
	record Read(LocalDate date, Instant at, Authority authority, String purpose, String caseNumber) {
	}

}
