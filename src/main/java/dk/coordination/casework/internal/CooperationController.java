package dk.coordination.casework.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
import dk.coordination.casework.internal.CaseViews.MunicipalNoteView;
import dk.coordination.casework.internal.CaseViews.ParticipantView;
import dk.coordination.casework.internal.CaseViews.ReferralView;
import dk.coordination.casework.internal.CaseViews.StatusReportView;
import dk.coordination.casework.internal.CaseViews.TaskView;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.PlausibleDate;

@RestController
class CooperationController {

	private static final String COOPERATION = "Samarbejde om sagen";

	private static final String TASKS = "Opgaver i sagen";

	private final CooperationService cooperation;

	CooperationController(CooperationService cooperation) {
		this.cooperation = cooperation;
	}

	@GetMapping("/api/cases/{id}/participants")
	List<ParticipantView> participants(@PathVariable UUID id, @ReadPurpose(COOPERATION) String purpose) {
		return this.cooperation.participants(id, CurrentUser.required(), purpose);
	}

	/**
	 * Discloses the case to an organisation; the disclosure is recorded with its basis.
	 */
	@PostMapping("/api/cases/{id}/participants")
	ResponseEntity<ParticipantView> addParticipant(@PathVariable UUID id, @Valid @RequestBody NewParticipant request,
			@ReadPurpose(COOPERATION) String readPurpose) {
		ParticipantView added = this.cooperation.addParticipant(id, request.organisation().strip(),
				request.legalBasis(), request.purpose().strip(), CurrentUser.required(), readPurpose);
		return ResponseEntity.created(URI.create("/api/cases/" + id + "/participants")).body(added);
	}

	@PostMapping("/api/cases/{id}/participants/{organisation}/end")
	ParticipantView endParticipation(@PathVariable UUID id, @PathVariable String organisation,
			@Valid @RequestBody Reason request, @ReadPurpose(COOPERATION) String purpose) {
		return this.cooperation.endParticipation(id, organisation, request.reason().strip(), CurrentUser.required(),
				purpose);
	}

	@GetMapping("/api/cases/{id}/tasks")
	List<TaskView> tasks(@PathVariable UUID id, @ReadPurpose(TASKS) String purpose) {
		return this.cooperation.tasks(id, CurrentUser.required(), purpose);
	}

	@PostMapping("/api/cases/{id}/tasks")
	ResponseEntity<TaskView> giveTask(@PathVariable UUID id, @Valid @RequestBody NewTask request,
			@ReadPurpose(TASKS) String purpose) {
		TaskView task = this.cooperation.giveTask(id, request.organisation().strip(), request.description().strip(),
				request.dueDate(), CurrentUser.required(), purpose);
		return ResponseEntity.created(URI.create("/api/cases/" + id + "/tasks/" + task.taskId()))
			.eTag(ETags.of(task.version()))
			.body(task);
	}

	@PatchMapping("/api/cases/{id}/tasks/{taskId}")
	ResponseEntity<TaskView> updateTask(@PathVariable UUID id, @PathVariable UUID taskId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody TaskPatch request, @ReadPurpose(TASKS) String purpose) {
		TaskView task = this.cooperation.updateTask(id, taskId,
				new CooperationService.TaskChange(stripped(request.description()), request.dueDate(), request.state(),
						stripped(request.outcome())),
				ifMatch, CurrentUser.required(), purpose);
		return ResponseEntity.ok().eTag(ETags.of(task.version())).body(task);
	}

	/**
	 * How the police and prison-service liaisons (and departments) report on their own
	 * part.
	 */
	@PostMapping("/api/cases/{id}/status-reports")
	ResponseEntity<StatusReportView> report(@PathVariable UUID id, @Valid @RequestBody NewStatusReport request,
			@ReadPurpose("Statusrapportering") String purpose) {
		StatusReportView report = this.cooperation.report(id, request.involvement(), request.text().strip(),
				CurrentUser.required(), purpose);
		return ResponseEntity.created(URI.create("/api/cases/" + id)).body(report);
	}

	@PutMapping("/api/cases/{id}/referrals/{referralId}/sharing")
	ReferralView share(@PathVariable UUID id, @PathVariable UUID referralId, @Valid @RequestBody Sharing request,
			@ReadPurpose("Sagsbehandling") String purpose) {
		return this.cooperation.share(id, referralId, request.sharedWithParticipants(), CurrentUser.required(),
				purpose);
	}

	@GetMapping("/api/cases/{id}/municipal-notes")
	List<MunicipalNoteView> municipalNotes(@PathVariable UUID id,
			@ReadPurpose("Kommunal koordinering") String purpose) {
		return this.cooperation.municipalNotes(id, CurrentUser.required(), purpose);
	}

	@PostMapping("/api/cases/{id}/municipal-notes")
	ResponseEntity<MunicipalNoteView> writeMunicipalNote(@PathVariable UUID id, @Valid @RequestBody Note request,
			@ReadPurpose("Kommunal koordinering") String purpose) {
		MunicipalNoteView note = this.cooperation.writeMunicipalNote(id, request.text().strip(), CurrentUser.required(),
				purpose);
		return ResponseEntity.created(URI.create("/api/cases/" + id + "/municipal-notes")).body(note);
	}

	private static String stripped(String text) {
		return (text != null) ? text.strip() : null;
	}

	record NewParticipant(@NotBlank @Size(max = 64) String organisation, @NotNull LegalBasis legalBasis,
			@NotBlank @Size(max = 2000) String purpose) {
	}

	record Reason(@NotBlank @Size(max = 2000) String reason) {
	}

	record NewTask(@NotBlank @Size(max = 64) String organisation, @NotBlank @Size(max = 4000) String description,
			@PlausibleDate LocalDate dueDate) {
	}

	record TaskPatch(@Size(min = 1, max = 4000) String description, @PlausibleDate LocalDate dueDate, TaskState state,
			@Size(min = 1, max = 4000) String outcome) {
	}

	record NewStatusReport(@NotNull Involvement involvement, @NotBlank @Size(max = 4000) String text) {
	}

	record Sharing(@NotNull Boolean sharedWithParticipants) {
	}

	record Note(@NotBlank @Size(max = 8000) String text) {
	}

}
