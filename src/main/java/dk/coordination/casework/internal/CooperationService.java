package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
import dk.coordination.casework.internal.CaseAccess.Access;
import dk.coordination.casework.internal.CaseViews.MunicipalNoteView;
import dk.coordination.casework.internal.CaseViews.ParticipantView;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.casework.internal.CaseViews.StatusReportView;
import dk.coordination.casework.internal.CaseViews.TaskView;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;

/**
 * How organisations take part in a case: disclosure to participants, their own tasks,
 * their status reports, what participants may read of the referrals, and the
 * municipality's own coordination thread. Every use case starts from {@link CaseAccess}.
 */
@Service
@Transactional
class CooperationService {

	private final CaseAccess access;

	private final CaseService cases;

	private final CaseReads reads;

	private final ParticipantRepository participants;

	private final TaskRepository tasks;

	private final StatusReportRepository reports;

	private final MunicipalNoteRepository notes;

	private final CoordinationUnits units;

	private final Clock clock;

	CooperationService(CaseAccess access, CaseService cases, CaseReads reads, ParticipantRepository participants,
			TaskRepository tasks, StatusReportRepository reports, MunicipalNoteRepository notes,
			CoordinationUnits units, Clock clock) {
		this.access = access;
		this.cases = cases;
		this.reads = reads;
		this.participants = participants;
		this.tasks = tasks;
		this.reports = reports;
		this.notes = notes;
		this.units = units;
		this.clock = clock;
	}

	List<ParticipantView> participants(UUID caseId, CurrentUser user, String purpose) {
		Access access = requireCooperation(caseId, user);
		return this.reads.participants(access, this.participants.findByCaseIdOrderByStartedAt(caseId), purpose);
	}

	ParticipantView addParticipant(UUID caseId, String organisation, LegalBasis legalBasis, String purpose,
			CurrentUser user, String readPurpose) {
		Access access = this.cases.requireManageable(caseId, user);
		return this.reads.participant(access, addParticipant(access, organisation, legalBasis, purpose, user),
				readPurpose);
	}

	/** Discloses a case the caller manages, without showing it (a meeting's decision). */
	CaseParticipant addParticipant(Access access, String organisation, LegalBasis legalBasis, String purpose,
			CurrentUser user) {
		UUID caseId = access.concernCase().getId();
		requireOrganisation(organisation);
		if (this.participants.isActive(caseId, organisation)) {
			throw Problems.of(HttpStatus.CONFLICT, organisation + " already takes part in the case.");
		}
		CaseParticipant participant = CaseParticipant.disclosed(caseId, organisation, legalBasis, purpose, user,
				this.clock.instant());
		return this.participants.saveAndFlush(participant);
	}

	ParticipantView endParticipation(UUID caseId, String organisation, String reason, CurrentUser user,
			String purpose) {
		Access access = this.cases.requireManageable(caseId, user);
		CaseParticipant participant = this.participants.findActive(caseId, organisation)
			.orElseThrow(() -> Problems.notFound(organisation + " does not take part in the case."));
		participant.end(reason, user, this.clock.instant());
		this.participants.flush();
		return this.reads.participant(access, participant, purpose);
	}

	List<TaskView> tasks(UUID caseId, CurrentUser user, String purpose) {
		Access access = requireCooperation(caseId, user);
		return this.reads.tasks(access, this.tasks.findByCaseIdOrderByCreatedAt(caseId), purpose);
	}

	TaskView giveTask(UUID caseId, String organisation, String description, LocalDate dueDate, CurrentUser user,
			String purpose) {
		Access access = this.cases.requireManageable(caseId, user);
		return this.reads.task(access, giveTask(access, organisation, description, dueDate, user), purpose);
	}

	/** Gives a task on a case the caller manages, without showing it. */
	CaseTask giveTask(Access access, String organisation, String description, LocalDate dueDate, CurrentUser user) {
		UUID caseId = access.concernCase().getId();
		requireOrganisation(organisation);
		if (!this.participants.isActive(caseId, organisation)) {
			throw Problems.of(HttpStatus.CONFLICT, organisation
					+ " does not take part in the case and could not see the task; add it as a participant first.");
		}
		CaseTask task = CaseTask.planned(caseId, organisation, description, dueDate, user.username(),
				this.clock.instant());
		return this.tasks.saveAndFlush(task);
	}

	/**
	 * The organisation doing a task reports its state and outcome; what the task is and
	 * when it is due stay the secretariat's to change.
	 */
	TaskView updateTask(UUID caseId, UUID taskId, TaskChange change, String ifMatch, CurrentUser user, String purpose) {
		Access access = requireCooperation(caseId, user);
		CaseTask task = this.tasks.findByIdAndCaseId(taskId, caseId)
			.orElseThrow(() -> Problems.notFound("No task " + taskId + " on this case."));
		if (!access.canUpdateTask(task)) {
			throw CaseAccess.forbidden("Only " + task.getOrganisation()
					+ "'s own liaisons and caseworkers, or the secretariat, update this task.");
		}
		if ((change.description() != null || change.dueDate() != null) && !access.canReplanTask()) {
			throw CaseAccess.forbidden("Only the secretariat changes a task's description or due date; "
					+ task.getOrganisation() + " reports its state and outcome.");
		}
		ETags.requireMatch(ifMatch, task.getVersion(), "the task");
		if (task.getState().isFinished()) {
			throw Problems.of(HttpStatus.CONFLICT, "The task is " + task.getState() + " and can no longer change.");
		}
		TaskState state = (change.state() != null) ? change.state() : task.getState();
		String outcome = (change.outcome() != null) ? change.outcome() : task.getOutcome();
		if (state.isFinished() && outcome == null) {
			throw new InvalidFieldException("outcome", "is required when a task becomes " + state);
		}
		task.update(change.description(), change.dueDate(), change.state(), change.outcome(), this.clock.instant());
		this.tasks.flush();
		return this.reads.task(access, task, purpose);
	}

	StatusReportView report(UUID caseId, Involvement involvement, String text, CurrentUser user, String purpose) {
		Access access = this.access.requireVisible(caseId, user);
		if (!access.canReportStatus()) {
			throw CaseAccess.forbidden("Only organisations taking part in the case report on it.");
		}
		StatusReport report = StatusReport.of(caseId, user.organisation(), involvement, text, user.username(),
				this.clock.instant());
		this.reports.saveAndFlush(report);
		return this.reads.statusReport(access, report, purpose);
	}

	ReferralView share(UUID caseId, UUID referralId, boolean shared, CurrentUser user, String purpose) {
		Access access = this.cases.requireManageable(caseId, user);
		Referral referral = CaseService.referralOf(access, referralId);
		referral.shareWithParticipants(shared);
		this.participants.flush();
		return this.reads.referral(access, referral, purpose);
	}

	List<MunicipalNoteView> municipalNotes(UUID caseId, CurrentUser user, String purpose) {
		Access access = this.access.requireMunicipalThread(caseId, user);
		return this.reads.municipalNotes(access, this.notes.findByCaseIdOrderByWrittenAt(caseId), purpose);
	}

	MunicipalNoteView writeMunicipalNote(UUID caseId, String text, CurrentUser user, String purpose) {
		Access access = this.access.requireMunicipalThread(caseId, user);
		MunicipalNote note = MunicipalNote.of(caseId, user.username(), user.organisation(), text, this.clock.instant());
		this.notes.saveAndFlush(note);
		return this.reads.municipalNotes(access, List.of(note), purpose).get(0);
	}

	private Access requireCooperation(UUID caseId, CurrentUser user) {
		Access access = this.access.requireVisible(caseId, user);
		if (!access.canSeeCooperation()) {
			throw CaseAccess.forbidden(
					"Participants, tasks and status reports are for the secretariat and the organisations taking part.");
		}
		return access;
	}

	private void requireOrganisation(String organisation) {
		if (!this.units.organisationExists(organisation)) {
			throw new InvalidFieldException("organisation", "no organisation with code " + organisation);
		}
	}

	/** A change to a task; absent fields stay as they are. */
	record TaskChange(String description, LocalDate dueDate, TaskState state, String outcome) {
	}

}
