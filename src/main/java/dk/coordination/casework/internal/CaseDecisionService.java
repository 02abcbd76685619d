package dk.coordination.casework.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.CaseDecision;
import dk.coordination.casework.CaseDecisions;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.InvalidFieldException;

/**
 * A meeting's decision on a case, applied through the same use cases as the case
 * endpoints, in the order that makes the parts fit together: participants first (a task
 * needs its organisation to take part), then tasks, the status change, the follow-up
 * date, and a due review's outcome.
 */
@Service
@Transactional
class CaseDecisionService implements CaseDecisions {

	private final CaseService cases;

	private final CooperationService cooperation;

	private final CaseReviewRepository reviews;

	private final Clock clock;

	CaseDecisionService(CaseService cases, CooperationService cooperation, CaseReviewRepository reviews, Clock clock) {
		this.clock = clock;
		this.cases = cases;
		this.cooperation = cooperation;
		this.reviews = reviews;
	}

	@Override
	public CaseStatus apply(UUID caseId, CaseDecision decision, boolean reviewItem, CurrentUser user) {
		Access access = this.cases.requireManageable(caseId, user);
		CaseDecision.Transition transition = decision.transition();
		if (transition != null
				&& CaseWorkflow.needsClosingReason(transition.to()) != (transition.closingReason() != null)) {
			throw new InvalidFieldException("transition.closingReason", CaseWorkflow.needsClosingReason(transition.to())
					? "is required when closing a case" : "is only given when closing a case");
		}
		decision.participants()
			.forEach((participant) -> this.cooperation.addParticipant(access, participant.organisation(),
					participant.legalBasis(), participant.purpose(), user));
		decision.tasks()
			.forEach((task) -> this.cooperation.giveTask(access, task.organisation(), task.description(),
					task.dueDate(), user));
		CaseStatus before = access.concernCase().getStatus();
		if (reviewItem) {
			decideDueReview(caseId, transition, before);
		}
		// the meeting's own If-Match guards the decision; the case is changed as the
		// meeting found it, and nothing is shown, so nothing is logged as read
		if (transition != null) {
			this.cases.move(access,
					new CaseService.Transition(transition.to(), transition.reason(), transition.closingReason()), user);
		}
		if (decision.nextFollowUp() != null) {
			this.cases.followUpOn(access, decision.nextFollowUp());
		}
		return access.concernCase().getStatus();
	}

	/**
	 * A review's outcome: reopening the closed case or, with no status change, confirming
	 * the closure.
	 */
	private void decideDueReview(UUID caseId, CaseDecision.Transition transition, CaseStatus before) {
		// the earliest pending review is the one that put the case on the agenda
		List<CaseReview> due = this.reviews.findByCaseIdAndStateOrderByDueDate(caseId, CaseReview.State.PENDING);
		if (due.isEmpty() || before != CaseStatus.CLOSED) {
			return;
		}
		boolean reopens = transition != null && CaseWorkflow.isReopening(before, transition.to());
		due.get(0)
			.decide(reopens ? CaseReview.State.REOPENED : CaseReview.State.CONFIRMED,
					reopens ? transition.reason() : "Lukningen er bekræftet", this.clock.instant());
	}

}
