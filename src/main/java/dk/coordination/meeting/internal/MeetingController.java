package dk.coordination.meeting.internal;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.casework.CaseDecision;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.LegalBasis;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.meeting.internal.MeetingViews.MeetingView;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.IdempotentRequests;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.DanishTime;
import dk.coordination.web.PlausibleDate;

@RestController
@RequestMapping("/api/meetings")
class MeetingController {

	private final MeetingService meetings;

	private final AgendaDrafts drafts;

	private final MeetingRecords records;

	private final AgendaDownloads downloads;

	private final Clock clock;

	private final IdempotentRequests idempotent;

	MeetingController(MeetingService meetings, AgendaDrafts drafts, MeetingRecords records, AgendaDownloads downloads,
			Clock clock, IdempotentRequests idempotent) {
		this.idempotent = idempotent;
		this.drafts = drafts;
		this.clock = clock;
		this.meetings = meetings;
		this.records = records;
		this.downloads = downloads;
	}

	@PostMapping
	ResponseEntity<MeetingView> plan(@Valid @RequestBody NewMeeting request,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		return this.idempotent.once(idempotencyKey, "POST /api/meetings", request, MeetingView.class,
				() -> plan(request));
	}

	private ResponseEntity<MeetingView> plan(NewMeeting request) {
		Versioned<MeetingView> meeting = this.meetings.plan(request.unit().strip(), request.startsAt().toInstant(),
				request.durationMinutes(), request.location().strip(), new LinkedHashSet<>(request.invited()),
				CurrentUser.required());
		return withETag(ResponseEntity.created(URI.create("/api/meetings/" + meeting.body().meetingId())), meeting);
	}

	/**
	 * The unit's meetings from {@code from} up to (not including) {@code to}, Danish
	 * days.
	 */
	@GetMapping
	List<MeetingView> list(@RequestParam String unit, @RequestParam(required = false) @PlausibleDate LocalDate from,
			@RequestParam(required = false) @PlausibleDate LocalDate to) {
		LocalDate start = (from != null) ? from : LocalDate.now(this.clock.withZone(DanishTime.ZONE)).minusMonths(1);
		LocalDate end = (to != null) ? to : start.plusYears(1);
		if (!end.isAfter(start)) {
			throw new InvalidFieldException("to", "must be after from");
		}
		return this.meetings.list(unit, start.atStartOfDay(DanishTime.ZONE).toInstant(),
				end.atStartOfDay(DanishTime.ZONE).toInstant(), CurrentUser.required());
	}

	@GetMapping("/{id}")
	ResponseEntity<MeetingView> get(@PathVariable UUID id) {
		return withETag(ResponseEntity.ok(), this.meetings.show(id, CurrentUser.required()));
	}

	/**
	 * Changes time, place or the invited; a published meeting's invited are told again.
	 */
	@PatchMapping("/{id}")
	ResponseEntity<MeetingView> reschedule(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody MeetingChange request) {
		Versioned<MeetingView> meeting = this.meetings.reschedule(id,
				(request.startsAt() != null) ? request.startsAt().toInstant() : null, request.durationMinutes(),
				(request.location() != null) ? request.location().strip() : null,
				(request.invited() != null) ? new LinkedHashSet<>(request.invited()) : null, ifMatch,
				CurrentUser.required());
		return withETag(ResponseEntity.ok(), meeting);
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<MeetingView> cancel(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(ResponseEntity.ok(), this.meetings.cancel(id, ifMatch, CurrentUser.required()));
	}

	/**
	 * Adds the cases that belong on the agenda to the draft. Answers the draft with
	 * initials, a logged read like every agenda.
	 */
	@PostMapping("/{id}/agenda/proposal")
	ResponseEntity<AgendaView> propose(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødeforberedelse") String purpose) {
		return withETag(ResponseEntity.ok(), this.drafts.propose(id, ifMatch, purpose, CurrentUser.required()));
	}

	/**
	 * The secretariat gets the working draft unless it asks for a published
	 * {@code version}; the invited get published versions only, the latest by default.
	 */
	@GetMapping("/{id}/agenda")
	ResponseEntity<AgendaView> agenda(@PathVariable UUID id, @RequestParam(required = false) Integer version,
			@ReadPurpose("Mødeforberedelse") String purpose) {
		return withETag(ResponseEntity.ok(), this.meetings.agenda(id, version, purpose, CurrentUser.required()));
	}

	@PostMapping("/{id}/agenda/items")
	ResponseEntity<AgendaView> addItem(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødeforberedelse") String purpose, @Valid @RequestBody NewItem request) {
		return withETag(ResponseEntity.ok(), this.drafts.addItem(id, request.caseId(),
				(request.title() != null) ? request.title().strip() : null, ifMatch, purpose, CurrentUser.required()));
	}

	@DeleteMapping("/{id}/agenda/items/{itemId}")
	ResponseEntity<AgendaView> removeItem(@PathVariable UUID id, @PathVariable UUID itemId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødeforberedelse") String purpose) {
		return withETag(ResponseEntity.ok(),
				this.drafts.removeItem(id, itemId, ifMatch, purpose, CurrentUser.required()));
	}

	@PutMapping("/{id}/agenda/order")
	ResponseEntity<AgendaView> reorder(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødeforberedelse") String purpose, @Valid @RequestBody Order request) {
		return withETag(ResponseEntity.ok(),
				this.drafts.reorder(id, request.itemIds(), ifMatch, purpose, CurrentUser.required()));
	}

	@PostMapping("/{id}/agenda/publish")
	ResponseEntity<AgendaView> publish(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødeforberedelse") String purpose) {
		return withETag(ResponseEntity.ok(), this.drafts.publish(id, ifMatch, purpose, CurrentUser.required()));
	}

	/**
	 * The agenda as a printable Danish dagsorden, showing this reader only what they may
	 * see.
	 */
	@GetMapping(path = "/{id}/agenda.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> agendaPdf(@PathVariable UUID id, @RequestParam(required = false) Integer version,
			@ReadPurpose("Mødeforberedelse") String purpose) {
		return this.downloads.agendaPdf(id, version, purpose, CurrentUser.required());
	}

	/** RFC 5545 invitation with a stable UID; its SEQUENCE grows with every change. */
	@GetMapping(path = "/{id}/invitation.ics", produces = "text/calendar")
	ResponseEntity<String> invitation(@PathVariable UUID id) {
		return this.downloads.invitation(id, CurrentUser.required());
	}

	/**
	 * The minutes and decision of one agenda item: the decision may move the case, add
	 * participants, give tasks and set the next follow-up, all in one transaction.
	 */
	@PostMapping("/{id}/items/{itemId}/decision")
	ResponseEntity<MeetingRecords.MinutesItem> decide(@PathVariable UUID id, @PathVariable UUID itemId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødereferat") String purpose, @Valid @RequestBody DecisionRequest request) {
		CaseDecision decision = new CaseDecision(
				(request.transition() != null) ? new CaseDecision.Transition(request.transition().to(),
						request.transition().reason().strip(), request.transition().closingReason()) : null,
				(request.participants() != null) ? request.participants()
					.stream()
					.map((p) -> new CaseDecision.Participant(p.organisation().strip(), p.legalBasis(),
							p.purpose().strip()))
					.toList() : List.of(),
				(request.tasks() != null) ? request.tasks()
					.stream()
					.map((t) -> new CaseDecision.Task(t.organisation().strip(), t.description().strip(), t.dueDate()))
					.toList() : List.of(),
				request.nextFollowUp());
		return withETag(ResponseEntity.ok(), this.records.decide(id, itemId, request.minutes().strip(), decision,
				ifMatch, purpose, CurrentUser.required()));
	}

	@PutMapping("/{id}/attendance")
	ResponseEntity<MeetingRecords.MinutesView> attendance(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødereferat") String purpose, @Valid @RequestBody Attendance request) {
		Set<Meeting.Attendee> attendees = new LinkedHashSet<>();
		request.attendees()
			.forEach((attendee) -> attendees
				.add(new Meeting.Attendee(attendee.organisation().strip(), attendee.person().strip())));
		return withETag(ResponseEntity.ok(),
				this.records.attendance(id, attendees, ifMatch, purpose, CurrentUser.required()));
	}

	@GetMapping("/{id}/minutes")
	ResponseEntity<MeetingRecords.MinutesView> minutes(@PathVariable UUID id,
			@ReadPurpose("Mødereferat") String purpose) {
		return withETag(ResponseEntity.ok(), this.records.readMinutes(id, purpose, CurrentUser.required()));
	}

	/** Freezes the minutes; the meeting is then HELD. */
	@PostMapping("/{id}/minutes/approve")
	ResponseEntity<MeetingRecords.MinutesView> approve(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@ReadPurpose("Mødereferat") String purpose) {
		return withETag(ResponseEntity.ok(), this.records.approve(id, ifMatch, purpose, CurrentUser.required()));
	}

	// the ETag is the meeting's version (agenda edits raise it too) as the use case read
	// or wrote it in the transaction that produced the body; reading it again here could
	// pair the body with a later version
	private static <T> ResponseEntity<T> withETag(ResponseEntity.BodyBuilder builder, Versioned<T> versioned) {
		return builder.eTag(ETags.of(versioned.version())).body(versioned.body());
	}

	record NewMeeting(@NotBlank @Size(max = 32) String unit, @NotNull @PlausibleDate OffsetDateTime startsAt,
			@NotNull @Min(15) @Max(720) Integer durationMinutes, @NotBlank @Size(max = 500) String location,
			@NotEmpty @Size(max = 50) List<@NotBlank String> invited) {
	}

	record MeetingChange(@PlausibleDate OffsetDateTime startsAt, @Min(15) @Max(720) Integer durationMinutes,
			@Size(min = 1, max = 500) String location, @Size(min = 1, max = 50) List<@NotBlank String> invited) {
	}

	record DecisionRequest(@NotBlank @Size(max = 20000) String minutes, @Valid TransitionPart transition,
			@Size(max = 20) List<@Valid @NotNull ParticipantPart> participants,
			@Size(max = 50) List<@Valid @NotNull TaskPart> tasks,
			@FutureOrPresent @PlausibleDate LocalDate nextFollowUp) {
	}

	record TransitionPart(@NotNull CaseStatus to, @NotBlank @Size(max = 4000) String reason,
			ClosingReason closingReason) {
	}

	record ParticipantPart(@NotBlank @Size(max = 64) String organisation, @NotNull LegalBasis legalBasis,
			@NotBlank @Size(max = 2000) String purpose) {
	}

	record TaskPart(@NotBlank @Size(max = 64) String organisation, @NotBlank @Size(max = 4000) String description,
			@PlausibleDate LocalDate dueDate) {
	}

	record Attendance(@NotNull @Size(max = 100) List<@Valid @NotNull AttendeePart> attendees) {
	}

	record AttendeePart(@NotBlank @Size(max = 64) String organisation, @NotBlank @Size(max = 255) String person) {
	}

	record NewItem(UUID caseId, @Size(min = 1, max = 500) String title) {
	}

	record Order(@NotNull @Size(max = 500) List<@NotNull UUID> itemIds) {
	}

}
