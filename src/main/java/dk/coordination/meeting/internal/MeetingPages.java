package dk.coordination.meeting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dk.coordination.casework.CaseBrief;
import dk.coordination.casework.CaseDecision;
import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.LegalBasis;
import dk.coordination.meeting.MeetingState;
import dk.coordination.meeting.internal.MeetingViews.AgendaItemView;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.meeting.internal.MeetingViews.MeetingView;
import dk.coordination.meeting.internal.MeetingViews.PublishedItem;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.DanishTime;
import dk.coordination.web.PageController;
import dk.coordination.web.PageForm;

/**
 * The meeting pages under {@code /moeder}: the list and planning, one meeting (change,
 * cancel), its agenda (draft, reorder, add, remove, publish, versions, PDF, invitation)
 * and the meeting itself (attendance, decisions with a preview of their effect, approving
 * the minutes). They call the same services as {@link MeetingController} with the same
 * read purposes and the {@code If-Match} of the version the form was filled in on, so who
 * may see and do what, the minimisation for the invited, the read logging and the
 * stale-edit checks stay the services'.
 * <p>
 * A form that succeeds redirects to its page with a message. One that does not comes back
 * on the page as it stands now, with what the user typed: field errors in the error
 * summary, a refusal beside the form (or the field it is about), a stale edit with the
 * meeting's current values.
 */
@PageController
@RequestMapping("/moeder")
class MeetingPages {

	static final String PREPARATION = "Mødeforberedelse";

	static final String MINUTES = "Mødereferat";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final MeetingService meetings;

	private final AgendaDrafts drafts;

	private final MeetingRecords records;

	private final AgendaDownloads downloads;

	private final CoordinationUnits units;

	private final MessageSource messages;

	private final DanishFormat format;

	private final Clock clock;

	MeetingPages(MeetingService meetings, AgendaDrafts drafts, MeetingRecords records, AgendaDownloads downloads,
			CoordinationUnits units, MessageSource messages, DanishFormat format, Clock clock) {
		this.meetings = meetings;
		this.drafts = drafts;
		this.records = records;
		this.downloads = downloads;
		this.units = units;
		this.messages = messages;
		this.format = format;
		this.clock = clock;
	}

	// ------------------------------------------------------------------ Møder

	@GetMapping
	String list(Model model) {
		return renderList(PageForm.none(), model);
	}

	@PostMapping
	String plan(@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("planlaeg", posted);
		String unit = form.text("unit", 32);
		Instant startsAt = startsAt(form);
		Integer duration = form.number("durationMinutes", 15, 720);
		String location = form.text("location", 500);
		List<String> invited = form.all("invited");
		if (invited.isEmpty()) {
			form.problem("invited", text("moede.fejl.invited"));
		}
		return submit(form, response, () -> renderList(form, model), () -> {
			Versioned<MeetingView> planned = this.meetings.plan(unit, startsAt, duration, location,
					new LinkedHashSet<>(invited), CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.planlagt", when(planned.body())));
			return "redirect:/moeder/" + planned.body().meetingId();
		});
	}

	private String renderList(PageForm form, Model model) {
		CurrentUser user = CurrentUser.required();
		Set<String> secretariatUnits = this.units.secretariatUnits(user);
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock.withZone(DanishTime.ZONE));
		Instant from = today.minusMonths(6).atStartOfDay(DanishTime.ZONE).toInstant();
		Instant to = today.plusYears(1).atStartOfDay(DanishTime.ZONE).toInstant();
		List<MeetingView> all = new ArrayList<>();
		// the invited see other units' meetings too; each unit's list is the service's
		for (UnitDetails unit : this.units.all()) {
			all.addAll(this.meetings.list(unit.code(), from, to, user));
		}
		model.addAttribute("upcoming",
				all.stream().filter((meeting) -> !meeting.endsAt().toInstant().isBefore(now)).toList());
		model.addAttribute("past",
				all.stream()
					.filter((meeting) -> meeting.endsAt().toInstant().isBefore(now))
					.sorted((a, b) -> b.startsAt().compareTo(a.startsAt()))
					.toList());
		model.addAttribute("unitNames",
				this.units.all()
					.stream()
					.collect(Collectors.toMap(UnitDetails::code, UnitDetails::name, (a, b) -> a, LinkedHashMap::new)));
		model.addAttribute("secretariatUnits",
				this.units.all().stream().filter((unit) -> secretariatUnits.contains(unit.code())).toList());
		model.addAttribute("secretariatCodes", secretariatUnits);
		model.addAttribute("organisations", this.units.allOrganisations());
		model.addAttribute("today", today);
		model.addAttribute("form", form);
		return "meeting/moeder";
	}

	// ------------------------------------------------------------------ one meeting

	@GetMapping("/{meetingId}")
	String show(@PathVariable UUID meetingId, Model model) {
		return renderMeeting(meetingId, PageForm.none(), model);
	}

	@PostMapping("/{meetingId}/aendr")
	String reschedule(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("aendr", posted);
		Instant startsAt = startsAt(form);
		Integer duration = form.number("durationMinutes", 15, 720);
		String location = form.text("location", 500);
		List<String> invited = form.all("invited");
		if (invited.isEmpty()) {
			form.problem("invited", text("moede.fejl.invited"));
		}
		return submit(form, response, () -> renderMeeting(meetingId, form, model), () -> {
			Versioned<MeetingView> changed = this.meetings.reschedule(meetingId, startsAt, duration, location,
					new LinkedHashSet<>(invited), form.ifMatch(), CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.aendret", when(changed.body())));
			return "redirect:/moeder/" + meetingId;
		});
	}

	@PostMapping("/{meetingId}/aflys")
	String cancel(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("aflys", posted);
		return submit(form, response, () -> renderMeeting(meetingId, form, model), () -> {
			this.meetings.cancel(meetingId, form.ifMatch(), CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.aflyst"));
			return "redirect:/moeder/" + meetingId;
		});
	}

	private String renderMeeting(UUID meetingId, PageForm form, Model model) {
		CurrentUser user = CurrentUser.required();
		Versioned<MeetingView> shown = this.meetings.show(meetingId, user);
		MeetingService.Access access = this.meetings.requireVisible(meetingId, user);
		common(model, access, shown.body(), shown.version(), form);
		model.addAttribute("organisations", this.units.allOrganisations());
		return "meeting/moede";
	}

	// ------------------------------------------------------------------ Dagsorden

	@GetMapping("/{meetingId}/dagsorden")
	String agenda(@PathVariable UUID meetingId, @RequestParam(required = false) Integer version, Model model) {
		return renderAgenda(meetingId, version, PageForm.none(), model);
	}

	@PostMapping("/{meetingId}/dagsorden/forslag")
	String propose(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("forslag", posted);
		return submit(form, response, () -> renderAgenda(meetingId, null, form, model), () -> {
			Versioned<AgendaView> drafted = this.drafts.propose(meetingId, form.ifMatch(), PREPARATION,
					CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.forslag", drafted.body().items().size()));
			return "redirect:/moeder/" + meetingId + "/dagsorden";
		});
	}

	@PostMapping("/{meetingId}/dagsorden/punkter")
	String addItem(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("nytpunkt", posted);
		String title = form.text("title", 500);
		return submit(form, response, () -> renderAgenda(meetingId, null, form, model), () -> {
			this.drafts.addItem(meetingId, null, title, form.ifMatch(), PREPARATION, CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.tilfoejet", title));
			return "redirect:/moeder/" + meetingId + "/dagsorden";
		});
	}

	@PostMapping("/{meetingId}/dagsorden/punkter/{itemId}/fjern")
	String removeItem(@PathVariable UUID meetingId, @PathVariable UUID itemId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("punkt-" + itemId, posted);
		return submit(form, response, () -> renderAgenda(meetingId, null, form, model), () -> {
			this.drafts.removeItem(meetingId, itemId, form.ifMatch(), PREPARATION, CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.fjernet"));
			return "redirect:/moeder/" + meetingId + "/dagsorden";
		});
	}

	/**
	 * Moves an item one place up or down: the page's keyboard-operable reordering, one
	 * button per direction; the service applies the API's reordering rules.
	 */
	@PostMapping("/{meetingId}/dagsorden/punkter/{itemId}/flyt")
	String moveItem(@PathVariable UUID meetingId, @PathVariable UUID itemId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("punkt-" + itemId, posted);
		boolean up = "op".equals(posted.getFirst("retning"));
		return submit(form, response, () -> renderAgenda(meetingId, null, form, model), () -> {
			AgendaView moved = this.drafts
				.move(meetingId, itemId, up ? -1 : 1, form.ifMatch(), PREPARATION, CurrentUser.required())
				.body();
			int position = moved.items()
				.stream()
				.filter((item) -> item.id().equals(itemId))
				.findFirst()
				.map(AgendaItemView::position)
				.orElse(1);
			redirect.addFlashAttribute("success", text("moede.ok.flyttet", position));
			return "redirect:/moeder/" + meetingId + "/dagsorden#punkt-" + itemId;
		});
	}

	@PostMapping("/{meetingId}/dagsorden/udsend")
	String publish(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("udsend", posted);
		return submit(form, response, () -> renderAgenda(meetingId, null, form, model), () -> {
			Versioned<AgendaView> published = this.drafts.publish(meetingId, form.ifMatch(), PREPARATION,
					CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.udsendt", published.body().version()));
			return "redirect:/moeder/" + meetingId + "/dagsorden";
		});
	}

	@GetMapping("/{meetingId}/dagsorden.pdf")
	ResponseEntity<byte[]> agendaPdf(@PathVariable UUID meetingId, @RequestParam(required = false) Integer version) {
		return this.downloads.agendaPdf(meetingId, version, PREPARATION, CurrentUser.required());
	}

	@GetMapping("/{meetingId}/invitation.ics")
	ResponseEntity<String> invitation(@PathVariable UUID meetingId) {
		return this.downloads.invitation(meetingId, CurrentUser.required());
	}

	/**
	 * The secretariat works on the draft and may open any published version; the invited
	 * see published versions only, the latest unless they ask for another, minimised by
	 * the service exactly as the API answers them.
	 */
	private String renderAgenda(UUID meetingId, Integer version, PageForm form, Model model) {
		CurrentUser user = CurrentUser.required();
		MeetingService.Access access = this.meetings.requireVisible(meetingId, user);
		MeetingView meeting = this.meetings.view(access.meeting());
		AgendaView agenda = null;
		long etag = access.meeting().getVersion();
		if (version != null || access.secretariat() || meeting.agendaVersion() > 0) {
			Versioned<AgendaView> read = this.meetings.agenda(meetingId, version, PREPARATION, user);
			agenda = read.body();
			etag = read.version();
		}
		common(model, access, meeting, etag, form);
		model.addAttribute("agenda", agenda);
		List<Integer> versions = new ArrayList<>();
		for (int published = meeting.agendaVersion(); published >= 1; published--) {
			versions.add(published);
		}
		model.addAttribute("versions", versions);
		return "meeting/dagsorden";
	}

	// ------------------------------------------------------------------ Mødet

	@GetMapping("/{meetingId}/moedet")
	String meeting(@PathVariable UUID meetingId, Model model) {
		return renderMinutes(meetingId, PageForm.none(), null, model);
	}

	@PostMapping("/{meetingId}/moedet/fremmoede")
	String attendance(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("fremmoede", posted);
		Set<Meeting.Attendee> attendees = new LinkedHashSet<>();
		posted.forEach((field, values) -> {
			if (field.startsWith("attendees-")) {
				String organisation = field.substring("attendees-".length());
				for (String person : String.join(",", values).split("[,\\n]")) {
					if (!person.isBlank()) {
						attendees.add(new Meeting.Attendee(organisation, person.strip()));
					}
				}
			}
		});
		if (attendees.size() > 100 || attendees.stream().anyMatch((a) -> a.person().length() > 255)) {
			form.problem("attendees", text("moede.fejl.attendees"));
		}
		return submit(form, response, () -> renderMinutes(meetingId, form, null, model), () -> {
			this.records.attendance(meetingId, attendees, form.ifMatch(), MINUTES, CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.fremmoede", attendees.size()));
			return "redirect:/moeder/" + meetingId + "/moedet";
		});
	}

	/**
	 * The decision on one item. {@code handling=vis} shows what it would do to the case
	 * and saves nothing; {@code handling=gem} records it through the service, which
	 * applies it to the case in one transaction.
	 */
	@PostMapping("/{meetingId}/moedet/punkter/{itemId}")
	String decide(@PathVariable UUID meetingId, @PathVariable UUID itemId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("beslutning-" + itemId, posted);
		String minutes = form.text("minutes", 20000);
		CaseDecision decision = decision(form);
		boolean save = "gem".equals(posted.getFirst("handling"));
		if (!save) {
			if (form.hasProblems()) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				return renderMinutes(meetingId, form, null, model);
			}
			return renderMinutes(meetingId, form.preview(), decision, model);
		}
		return submit(form, response, () -> renderMinutes(meetingId, form, null, model), () -> {
			MeetingRecords.MinutesItem decided = this.records
				.decide(meetingId, itemId, minutes, decision, form.ifMatch(), MINUTES, CurrentUser.required())
				.body();
			redirect.addFlashAttribute("success",
					(decision.transition() != null)
							? text("moede.ok.beslutning.status", decided.position(), decided.caseNumber(),
									text("sag.casestatus." + decision.transition().to()))
							: text("moede.ok.beslutning", decided.position()));
			return "redirect:/moeder/" + meetingId + "/moedet#punkt-" + itemId;
		});
	}

	@PostMapping("/{meetingId}/moedet/godkend")
	String approve(@PathVariable UUID meetingId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("godkend", posted);
		return submit(form, response, () -> renderMinutes(meetingId, form, null, model), () -> {
			this.records.approve(meetingId, form.ifMatch(), MINUTES, CurrentUser.required());
			redirect.addFlashAttribute("success", text("moede.ok.godkendt"));
			return "redirect:/moeder/" + meetingId + "/moedet";
		});
	}

	/** The decision as the form gives it; the parts left empty are no part of it. */
	/**
	 * The suffixes of the decision form's participant and task rows: a meeting often
	 * brings in more than one authority or hands out more than one task at once.
	 */
	static final List<String> DECISION_ROWS = List.of("", "2", "3");

	private CaseDecision decision(PageForm form) {
		CaseStatus to = form.choice("to", CaseStatus.class, false);
		CaseDecision.Transition transition = null;
		if (to != null) {
			String reason = form.text("reason", 4000);
			ClosingReason closing = CaseWorkflow.needsClosingReason(to)
					? form.choice("closingReason", ClosingReason.class, true) : null;
			transition = new CaseDecision.Transition(to, reason, closing);
		}
		// a row left without its organisation is not used; the first row's fields have no
		// number, so a form from before there were several rows still reads the same
		List<CaseDecision.Participant> participants = new ArrayList<>();
		List<CaseDecision.Task> tasks = new ArrayList<>();
		for (String row : DECISION_ROWS) {
			String participant = form.optionalText("participant" + row, 64);
			if (participant != null) {
				participants.add(new CaseDecision.Participant(participant,
						form.choice("legalBasis" + row, LegalBasis.class, true), form.text("purpose" + row, 2000)));
			}
			String taskOrganisation = form.optionalText("taskOrganisation" + row, 64);
			if (taskOrganisation != null) {
				tasks.add(new CaseDecision.Task(taskOrganisation, form.text("taskDescription" + row, 4000),
						form.date("taskDueDate" + row, false)));
			}
		}
		LocalDate nextFollowUp = form.date("nextFollowUp", false);
		if (nextFollowUp != null && nextFollowUp.isBefore(LocalDate.now(this.clock.withZone(DanishTime.ZONE)))) {
			form.problem("nextFollowUp", text("moede.fejl.nextFollowUp.fortid"));
		}
		return new CaseDecision(transition, participants, tasks, nextFollowUp);
	}

	private String renderMinutes(UUID meetingId, PageForm form, CaseDecision previewed, Model model) {
		CurrentUser user = CurrentUser.required();
		MeetingService.Access access = this.meetings.requireVisible(meetingId, user);
		MeetingView meeting = this.meetings.view(access.meeting());
		MeetingRecords.MinutesView minutes = null;
		long etag = access.meeting().getVersion();
		// the invited read approved minutes only; before that there is nothing to show
		// them
		if (access.secretariat() || meeting.state() == MeetingState.HELD) {
			Versioned<MeetingRecords.MinutesView> read = this.records.readMinutes(meetingId, MINUTES, user);
			minutes = read.body();
			etag = read.version();
		}
		common(model, access, meeting, etag, form);
		model.addAttribute("minutes", minutes);
		Set<UUID> decidable = (meeting.state() == MeetingState.AGENDA_PUBLISHED && access.secretariat())
				? this.meetings.latestPublished(access.meeting())
					.stream()
					.map(PublishedItem::id)
					.collect(Collectors.toSet())
				: Set.of();
		model.addAttribute("decidable", decidable);
		Map<UUID, CaseBrief> briefs = (minutes != null && access.secretariat()) ? this.meetings.caseBriefs(
				minutes.items().stream().map(MeetingRecords.MinutesItem::caseId).filter((id) -> id != null).toList())
				: Map.of();
		Map<UUID, List<CaseStatus>> transitions = new LinkedHashMap<>();
		briefs.forEach((caseId, brief) -> transitions.put(caseId, List.copyOf(CaseWorkflow.next(brief.status()))));
		model.addAttribute("briefs", briefs);
		model.addAttribute("transitions", transitions);
		model.addAttribute("organisations", this.units.allOrganisations());
		model.addAttribute("closingReasons", ClosingReason.values());
		model.addAttribute("legalBases", LegalBasis.values());
		model.addAttribute("decisionRows", DECISION_ROWS);
		model.addAttribute("today", LocalDate.now(this.clock.withZone(DanishTime.ZONE)));
		model.addAttribute("attendance", attendanceRows(access.meeting(), minutes));
		if (previewed != null && minutes != null) {
			UUID itemId = UUID.fromString(form.name().substring("beslutning-".length()));
			minutes.items()
				.stream()
				.filter((item) -> item.itemId().equals(itemId))
				.findFirst()
				.ifPresent((item) -> model.addAttribute("effect",
						effect(item, briefs.get(item.caseId()), previewed, access.meeting().getUnitCode(), form)));
		}
		return "meeting/moedet";
	}

	/**
	 * What the decision will do to the case, worked out from the case as it is now and
	 * the workflow's table, without saving anything. A transition the workflow does not
	 * allow is said beside the field now; the service checks it again on saving.
	 */
	private Effect effect(MeetingRecords.MinutesItem item, CaseBrief brief, CaseDecision decision, String unitCode,
			PageForm form) {
		if (brief == null) {
			return new Effect(item.position(), null, null, null, List.of(), List.of(), null);
		}
		CaseDecision.Transition transition = decision.transition();
		if (transition != null && !CaseWorkflow.allows(brief.status(), transition.to())) {
			form.refused(text("moede.afvist.beslutning.overgang", text("sag.casestatus." + brief.status()),
					text("sag.casestatus." + transition.to())), "to");
		}
		CaseStatus after = (transition != null) ? transition.to() : brief.status();
		String followUp;
		if (decision.nextFollowUp() != null) {
			followUp = text("moede.virkning.opfoelgning.dato", this.format.date(decision.nextFollowUp()));
		}
		else if (after == CaseStatus.ACTIVE || after == CaseStatus.MONITORING) {
			int days = this.units.find(unitCode).map(UnitDetails::followUpDays).orElse(30);
			followUp = text("moede.virkning.opfoelgning.standard",
					this.format.date(LocalDate.now(this.clock.withZone(DanishTime.ZONE)).plusDays(days)), days);
		}
		else {
			followUp = text("moede.virkning.opfoelgning.uaendret");
		}
		return new Effect(item.position(), brief.caseNumber(), text("sag.casestatus." + brief.status()),
				(transition != null) ? text("sag.casestatus." + transition.to()) : null,
				decision.participants()
					.stream()
					.map((p) -> text("moede.virkning.deltager", organisationName(p.organisation()),
							text("sag.legalbasis." + p.legalBasis())))
					.toList(),
				decision.tasks()
					.stream()
					.map((t) -> (t.dueDate() != null)
							? text("moede.virkning.opgave.frist", organisationName(t.organisation()), t.description(),
									this.format.date(t.dueDate()))
							: text("moede.virkning.opgave", organisationName(t.organisation()), t.description()))
					.toList(),
				followUp);
	}

	/**
	 * The attendance form's rows: the unit's secretariat and every invited organisation,
	 * with the people recorded so far.
	 */
	private List<AttendanceRow> attendanceRows(Meeting meeting, MeetingRecords.MinutesView minutes) {
		Set<String> codes = new LinkedHashSet<>();
		this.units.find(meeting.getUnitCode()).ifPresent((unit) -> codes.add(unit.secretariatOrganisation()));
		codes.addAll(meeting.getInvited());
		List<Meeting.Attendee> attendees = (minutes != null) ? minutes.attendees() : List.of();
		Map<String, String> names = new LinkedHashMap<>();
		this.units.organisations(codes).forEach((organisation) -> names.put(organisation.code(), organisation.name()));
		return codes.stream()
			.map((code) -> new AttendanceRow(code, names.getOrDefault(code, code),
					attendees.stream()
						.filter((attendee) -> attendee.organisation().equals(code))
						.map(Meeting.Attendee::person)
						.collect(Collectors.joining(", "))))
			.toList();
	}

	// ------------------------------------------------------------------ shared

	/**
	 * The model every meeting page has: the meeting, its version for the forms, names.
	 */
	private void common(Model model, MeetingService.Access access, MeetingView meeting, long version, PageForm form) {
		model.addAttribute("meeting", meeting);
		model.addAttribute("version", version);
		model.addAttribute("secretariat", access.secretariat());
		model.addAttribute("open", access.secretariat() && access.meeting().isOpenForChanges());
		model.addAttribute("unitName", this.meetings.unitName(meeting.unit()));
		model.addAttribute("invitedNames",
				this.meetings.invited(access.meeting()).stream().map(OrganisationDetails::name).toList());
		// the change form's values as text: a fragment's parameters are evaluated in
		// Thymeleaf's restricted mode, which calls no beans
		model.addAttribute("isoDate", meeting.startsAt().toLocalDate().toString());
		model.addAttribute("time", meeting.startsAt().format(TIME));
		model.addAttribute("duration", String.valueOf(meeting.durationMinutes()));
		model.addAttribute("location", meeting.location());
		model.addAttribute("invited", meeting.invited());
		model.addAttribute("names",
				this.units.allOrganisations()
					.stream()
					.collect(Collectors.toMap(OrganisationDetails::code, OrganisationDetails::name, (a, b) -> a)));
		model.addAttribute("form", form.stale() ? form.stale(staleMessage(meeting)) : form);
	}

	/**
	 * Runs the change when the form is valid and redirects as it says; otherwise shows
	 * the page again with the form as it came and the answer's status.
	 */
	private String submit(PageForm form, HttpServletResponse response, Supplier<String> page, Supplier<String> change) {
		return form.submit(response, change, page, MeetingPages::formField,
				(refused, ex) -> refuse(refused, ex.getStatusCode().value()));
	}

	/**
	 * Why the service refused, in Danish, beside the form; a decision's transition the
	 * workflow forbids is said beside the status field.
	 */
	private void refuse(PageForm form, int status) {
		String kind = form.name().replaceFirst("-[0-9a-f-]{36}$", "");
		String to = form.value(form.name(), "to");
		if (kind.equals("beslutning") && status == HttpStatus.CONFLICT.value() && !to.isBlank()) {
			form.refused(text("moede.afvist.beslutning.409.status"), "to");
			return;
		}
		// an item's buttons have no fields; the message goes beside the item
		form.refused(textOr("moede.afvist." + kind + "." + status, "moede.afvist." + status),
				kind.equals("punkt") ? "item" : null);
	}

	/** The service's field (a JSON path) as the form's field. */
	private static String formField(String field) {
		return switch (field) {
			case "transition.closingReason" -> "closingReason";
			case "transition" -> "to";
			case "itemIds", "caseId" -> "title";
			default -> field;
		};
	}

	private String staleMessage(MeetingView meeting) {
		return text("moede.konflikt", when(meeting), meeting.location(), text("moede.state." + meeting.state()));
	}

	private Instant startsAt(PageForm form) {
		LocalDate date = form.date("date", true);
		LocalTime time = form.time("time");
		return (date != null && time != null) ? date.atTime(time).atZone(DanishTime.ZONE).toInstant() : null;
	}

	private PageForm form(String name, MultiValueMap<String, String> posted) {
		return new PageForm(name, name, "moede.fejl.", posted, this::text);
	}

	private String when(MeetingView meeting) {
		return this.format.dateTime(meeting.startsAt());
	}

	private String organisationName(String code) {
		return this.units.organisations(List.of(code)).stream().map(OrganisationDetails::name).findFirst().orElse(code);
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, DanishFormat.LOCALE);
	}

	private String textOr(String key, String fallbackKey, Object... args) {
		String found = this.messages.getMessage(key, args, null, DanishFormat.LOCALE);
		return (found != null) ? found : text(fallbackKey, args);
	}

	/**
	 * What a previewed decision would do to its case.
	 *
	 * @param from the case's status now, null for a free item
	 * @param to the status after, null when the decision does not move the case
	 */
	record Effect(int position, String caseNumber, String from, String to, List<String> participants,
			List<String> tasks, String followUp) {
	}

	record AttendanceRow(String organisation, String name, String people) {
	}

}
