package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
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
 * their status reports, what participants may read of the referrals, the follow-up list,
 * and the municipality's own coordination thread. Every use case starts from
 * {@link CaseAccess}.
 */
@Service
@Transactional
class CooperationService {

	private final CaseAccess access;

	private final CaseService cases;

	private final ParticipantRepository participants;

	private final TaskRepository tasks;

	private final StatusReportRepository reports;

	private final MunicipalNoteRepository notes;

	private final CoordinationUnits units;

	private final CaseMapper mapper;

	private final AccessLog accessLog;

	private final JdbcClient jdbc;

	private final Clock clock;

	CooperationService(CaseAccess access, CaseService cases, ParticipantRepository participants, TaskRepository tasks,
			StatusReportRepository reports, MunicipalNoteRepository notes, CoordinationUnits units, CaseMapper mapper,
			AccessLog accessLog, JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.access = access;
		this.cases = cases;
		this.participants = participants;
		this.tasks = tasks;
		this.reports = reports;
		this.notes = notes;
		this.units = units;
		this.mapper = mapper;
		this.accessLog = accessLog;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	List<ParticipantView> participants(UUID caseId, CurrentUser user) {
		requireCooperation(caseId, user);
		return this.participants.findByCaseIdOrderByStartedAt(caseId).stream().map(this.mapper::toView).toList();
	}

	ParticipantView addParticipant(UUID caseId, String organisation, LegalBasis legalBasis, String purpose,
			CurrentUser user) {
		this.cases.requireManageable(caseId, user);
		requireOrganisation(organisation);
		if (this.participants.isActive(caseId, organisation)) {
			throw Problems.of(HttpStatus.CONFLICT, organisation + " already takes part in the case.");
		}
		CaseParticipant participant = CaseParticipant.disclosed(caseId, organisation, legalBasis, purpose, user,
				this.clock.instant());
		this.participants.saveAndFlush(participant);
		return this.mapper.toView(participant);
	}

	ParticipantView endParticipation(UUID caseId, String organisation, String reason, CurrentUser user) {
		this.cases.requireManageable(caseId, user);
		CaseParticipant participant = this.participants.findActive(caseId, organisation)
			.orElseThrow(() -> Problems.notFound(organisation + " does not take part in the case."));
		participant.end(reason, user, this.clock.instant());
		this.participants.flush();
		return this.mapper.toView(participant);
	}

	@Transactional(readOnly = true)
	List<TaskView> tasks(UUID caseId, CurrentUser user) {
		requireCooperation(caseId, user);
		return this.tasks.findByCaseIdOrderByCreatedAt(caseId).stream().map(this.mapper::toView).toList();
	}

	TaskView giveTask(UUID caseId, String organisation, String description, LocalDate dueDate, CurrentUser user) {
		this.cases.requireManageable(caseId, user);
		requireOrganisation(organisation);
		if (!this.participants.isActive(caseId, organisation)) {
			throw Problems.of(HttpStatus.CONFLICT, organisation
					+ " does not take part in the case and could not see the task; add it as a participant first.");
		}
		CaseTask task = CaseTask.planned(caseId, organisation, description, dueDate, user.username(),
				this.clock.instant());
		this.tasks.saveAndFlush(task);
		return this.mapper.toView(task);
	}

	TaskView updateTask(UUID caseId, UUID taskId, TaskChange change, String ifMatch, CurrentUser user) {
		Access access = requireCooperation(caseId, user);
		CaseTask task = this.tasks.findByIdAndCaseId(taskId, caseId)
			.orElseThrow(() -> Problems.notFound("No task " + taskId + " on this case."));
		if (!access.canUpdateTask(task)) {
			throw CaseAccess.forbidden("Only " + task.getOrganisation()
					+ "'s own liaisons and caseworkers, or the secretariat, update this task.");
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
		return this.mapper.toView(task);
	}

	StatusReportView report(UUID caseId, Involvement involvement, String text, CurrentUser user) {
		Access access = this.access.requireVisible(caseId, user);
		if (!access.canReportStatus()) {
			throw CaseAccess.forbidden("Only organisations taking part in the case report on it.");
		}
		StatusReport report = StatusReport.of(caseId, user.organisation(), involvement, text, user.username(),
				this.clock.instant());
		this.reports.saveAndFlush(report);
		return this.mapper.toView(report);
	}

	ReferralView share(UUID caseId, UUID referralId, boolean shared, CurrentUser user) {
		Access access = this.cases.requireManageable(caseId, user);
		Referral referral = access.concernCase()
			.getReferrals()
			.stream()
			.filter((candidate) -> candidate.getId().equals(referralId))
			.findFirst()
			.orElseThrow(() -> Problems.notFound("No referral " + referralId + " on this case."));
		referral.shareWithParticipants(shared);
		this.participants.flush();
		return this.mapper.toView(referral);
	}

	List<MunicipalNoteView> municipalNotes(UUID caseId, CurrentUser user, String purpose) {
		Access access = this.access.requireMunicipalThread(caseId, user);
		this.accessLog
			.record(new PersonalDataRead(caseId, access.concernCase().getSubjectCprHash(), "MUNICIPAL_NOTES", purpose));
		return this.notes.findByCaseIdOrderByWrittenAt(caseId).stream().map(this.mapper::toView).toList();
	}

	MunicipalNoteView writeMunicipalNote(UUID caseId, String text, CurrentUser user) {
		this.access.requireMunicipalThread(caseId, user);
		MunicipalNote note = MunicipalNote.of(caseId, user.username(), user.organisation(), text, this.clock.instant());
		this.notes.saveAndFlush(note);
		return this.mapper.toView(note);
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
