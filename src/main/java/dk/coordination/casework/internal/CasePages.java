package dk.coordination.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.CaseWorkflow;
import dk.coordination.casework.ClosingReason;
import dk.coordination.casework.Involvement;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.TaskState;
import dk.coordination.casework.internal.CaseService.VersionedCase;
import dk.coordination.casework.internal.CaseViews.CaseView;
import dk.coordination.casework.internal.CaseViews.MunicipalNoteView;
import dk.coordination.casework.internal.CaseViews.ParticipantView;
import dk.coordination.casework.internal.CaseViews.TaskView;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;
import dk.coordination.web.PageController;
import dk.coordination.web.PageForm;

/**
 * The page of one case ({@code /sager/{id}}) and its forms. It calls the same services as
 * {@link CaseController} and {@link CooperationController}, with the same read purposes
 * and the same {@code If-Match} from the version the form was filled in on, so need to
 * know, read logging and stale-edit protection are the services', never this page's. What
 * the page offers follows what the service says the caller may do
 * ({@code allowedTransitions}, {@code mayManage}, {@code mayReportStatus}, a task's
 * {@code mayUpdate}, whether the municipal thread answers).
 * <p>
 * Every form posts to its own address and, when it succeeds, redirects back to the page
 * with a success message. A form that does not succeed comes back on the page as it
 * stands now, with what the user typed: field errors in the error summary, a refusal
 * (409, 403) beside the form, a stale edit (412) with the current state.
 */
@PageController
@RequestMapping("/sager/{caseId}")
class CasePages {

	static final String CASEWORK = "Sagsbehandling";

	static final String HISTORY = "Sagens historik";

	static final String COOPERATION = "Samarbejde om sagen";

	static final String TASKS = "Opgaver i sagen";

	static final String REPORTING = "Statusrapportering";

	static final String MUNICIPAL = "Kommunal koordinering";

	private final CaseService cases;

	private final CooperationService cooperation;

	private final CoordinationUnits units;

	private final CaseTimeline timeline;

	private final CaseTexts texts;

	private final Clock clock;

	CasePages(CaseService cases, CooperationService cooperation, CoordinationUnits units, CaseTimeline timeline,
			CaseTexts texts, Clock clock) {
		this.cases = cases;
		this.cooperation = cooperation;
		this.units = units;
		this.timeline = timeline;
		this.texts = texts;
		this.clock = clock;
	}

	@GetMapping
	String show(@PathVariable UUID caseId, Model model) {
		return render(caseId, PageForm.none(), model);
	}

	@PostMapping("/status")
	String move(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("status", "status", posted);
		CaseStatus to = form.choice("to", CaseStatus.class, true);
		String reason = form.text("reason", 4000);
		// the closing reason is asked for beside the other statuses; it counts only when
		// closing
		ClosingReason closingReason = (to != null && CaseWorkflow.needsClosingReason(to))
				? form.choice("closingReason", ClosingReason.class, true) : null;
		return submit(caseId, form, model, redirect, response, () -> {
			VersionedCase moved = this.cases.transition(caseId, new CaseService.Transition(to, reason, closingReason),
					form.ifMatch(), CurrentUser.required(), CASEWORK);
			return this.texts.get("sag.ok.status", this.texts.label(moved.view().status()));
		});
	}

	@PostMapping("/opfoelgning")
	String followUp(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("opfoelgning", "opfoelgning", posted);
		LocalDate date = form.date("date", true);
		if (date != null && date.isBefore(LocalDate.now(this.clock.withZone(DanishTime.ZONE)))) {
			form.problem("date", this.texts.get("sag.fejl.opfoelgning.fortid"));
		}
		return submit(caseId, form, model, redirect, response, () -> {
			VersionedCase updated = this.cases.followUpOn(caseId, date, form.ifMatch(), CurrentUser.required(),
					CASEWORK);
			return this.texts.get("sag.ok.opfoelgning", this.texts.date(updated.view().followUpDate()));
		});
	}

	@PostMapping("/henvendelser/{referralId}/deling")
	String share(@PathVariable UUID caseId, @PathVariable UUID referralId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("deling-" + referralId, "deling", posted);
		boolean shared = Boolean.parseBoolean(posted.getFirst("shared"));
		return submit(caseId, form, model, redirect, response, () -> {
			this.cooperation.share(caseId, referralId, shared, CurrentUser.required(), CASEWORK);
			return this.texts.get(shared ? "sag.ok.delt" : "sag.ok.ikkedelt");
		});
	}

	@PostMapping("/henvendelser/{referralId}/tilbagemelding")
	String feedback(@PathVariable UUID caseId, @PathVariable UUID referralId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("tilbagemelding-" + referralId, "tilbagemelding", posted);
		String feedback = form.text("feedback", 2000);
		return submit(caseId, form, model, redirect, response, () -> {
			CaseViews.ReferralView referral = this.cases.giveFeedback(caseId, referralId, feedback,
					CurrentUser.required(), CASEWORK);
			return this.texts.get("sag.ok.tilbagemelding", organisationName(referral.organisation()));
		});
	}

	@PostMapping("/deltagere")
	String addParticipant(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("deltager", "deltager", posted);
		String organisation = form.text("organisation", 64);
		LegalBasis legalBasis = form.choice("legalBasis", LegalBasis.class, true);
		String purpose = form.text("purpose", 2000);
		return submit(caseId, form, model, redirect, response, () -> {
			ParticipantView added = this.cooperation.addParticipant(caseId, organisation, legalBasis, purpose,
					CurrentUser.required(), COOPERATION);
			return this.texts.get("sag.ok.deltager", organisationName(added.organisation()));
		});
	}

	@PostMapping("/deltagere/{organisation}/afslut")
	String endParticipation(@PathVariable UUID caseId, @PathVariable String organisation,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("afslut-" + organisation, "afslut", posted);
		String reason = form.text("reason", 2000);
		return submit(caseId, form, model, redirect, response, () -> {
			ParticipantView ended = this.cooperation.endParticipation(caseId, organisation, reason,
					CurrentUser.required(), COOPERATION);
			return this.texts.get("sag.ok.afslut", organisationName(ended.organisation()));
		});
	}

	@PostMapping("/opgaver")
	String giveTask(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("ny-opgave", "ny-opgave", posted);
		String organisation = form.text("organisation", 64);
		String description = form.text("description", 4000);
		LocalDate dueDate = form.date("dueDate", false);
		return submit(caseId, form, model, redirect, response, () -> {
			TaskView task = this.cooperation.giveTask(caseId, organisation, description, dueDate,
					CurrentUser.required(), TASKS);
			return this.texts.get("sag.ok.ny-opgave", organisationName(task.organisation()));
		});
	}

	@PostMapping("/opgaver/{taskId}")
	String updateTask(@PathVariable UUID caseId, @PathVariable UUID taskId,
			@RequestParam MultiValueMap<String, String> posted, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PageForm form = form("opgave-" + taskId, "opgave", posted);
		TaskState state = form.choice("state", TaskState.class, true);
		String outcome = form.optionalText("outcome", 4000);
		// only the secretariat's form has the task's description and due date; the
		// service refuses them from anyone else, and leaves them as they are when not
		// sent
		String description = posted.containsKey("description") ? form.text("description", 4000) : null;
		LocalDate dueDate = form.date("dueDate", false);
		return submit(caseId, form, model, redirect, response, () -> {
			TaskView task = this.cooperation.updateTask(caseId, taskId,
					new CooperationService.TaskChange(description, dueDate, state, outcome), form.ifMatch(),
					CurrentUser.required(), TASKS);
			return this.texts.get("sag.ok.opgave", this.texts.label(task.state()));
		});
	}

	@PostMapping("/statusrapporter")
	String report(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("rapport", "rapport", posted);
		Involvement involvement = form.choice("involvement", Involvement.class, true);
		String text = form.text("text", 4000);
		return submit(caseId, form, model, redirect, response, () -> {
			this.cooperation.report(caseId, involvement, text, CurrentUser.required(), REPORTING);
			return this.texts.get("sag.ok.rapport");
		});
	}

	@PostMapping("/kommunale-noter")
	String writeNote(@PathVariable UUID caseId, @RequestParam MultiValueMap<String, String> posted, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		PageForm form = form("note", "note", posted);
		String text = form.text("text", 8000);
		return submit(caseId, form, model, redirect, response, () -> {
			this.cooperation.writeMunicipalNote(caseId, text, CurrentUser.required(), MUNICIPAL);
			return this.texts.get("sag.ok.note");
		});
	}

	/** A form of this page; its field messages are {@code sag.fejl.<kind>.<field>}. */
	private PageForm form(String name, String kind, MultiValueMap<String, String> posted) {
		return new PageForm(name, kind, "sag.fejl." + kind + ".", posted, this.texts::get);
	}

	/**
	 * Runs the change when the form is valid and goes back to the page with {@code done};
	 * otherwise shows the page again with the form as it came.
	 */
	private String submit(UUID caseId, PageForm form, Model model, RedirectAttributes redirect,
			HttpServletResponse response, Supplier<String> change) {
		return form.submit(response, () -> {
			redirect.addFlashAttribute("success", change.get());
			return "redirect:/sager/" + caseId;
		}, () -> render(caseId, form, model), UnaryOperator.identity(),
				(refused, ex) -> refused.refused(refusal(refused, ex), null));
	}

	private String refusal(PageForm form, ErrorResponseException ex) {
		Map<String, Object> details = (ex.getBody().getProperties() != null) ? ex.getBody().getProperties() : Map.of();
		if (details.containsKey("openCaseId")) {
			return this.texts.get("sag.afvist.aabensag");
		}
		int status = ex.getStatusCode().value();
		return this.texts.getOrDefault("sag.afvist." + form.kind() + "." + status, "sag.afvist." + status);
	}

	private String render(UUID caseId, PageForm form, Model model) {
		CurrentUser user = CurrentUser.required();
		VersionedCase versioned = this.cases.view(caseId, user, CASEWORK);
		CaseView view = versioned.view();
		List<CaseHistory.Entry> history = this.cases.history(caseId, user, HISTORY);
		List<ParticipantView> participants = this.cooperation.participants(caseId, user, COOPERATION);
		List<OrganisationDetails> organisations = this.units.allOrganisations();
		Map<String, String> names = new LinkedHashMap<>();
		organisations.forEach((organisation) -> names.put(organisation.code(), organisation.name()));
		model.addAttribute("view", view);
		model.addAttribute("version", versioned.version());
		model.addAttribute("participants", participants);
		model.addAttribute("timeline", this.timeline.of(history, names));
		model.addAttribute("notes", municipalNotes(caseId, user));
		model.addAttribute("names", names);
		model.addAttribute("organisations", organisations);
		model.addAttribute("form", form.stale() ? form.stale(staleMessage(form, view)) : form);
		model.addAttribute("today", LocalDate.now(this.clock.withZone(DanishTime.ZONE)));
		model.addAttribute("closingReasons", ClosingReason.values());
		model.addAttribute("legalBases", LegalBasis.values());
		model.addAttribute("taskStates", TaskState.values());
		model.addAttribute("involvements", Involvement.values());
		return "casework/sag";
	}

	/** What changed, as far as the page can say: the state the user now sees. */
	private String staleMessage(PageForm form, CaseView view) {
		if (form.kind().equals("opgave")) {
			return view.tasks()
				.stream()
				.filter((task) -> form.name().equals("opgave-" + task.taskId()))
				.findFirst()
				.map((task) -> this.texts.get("sag.konflikt.opgave", this.texts.label(task.state())))
				.orElseGet(() -> this.texts.get("sag.konflikt.opgave.vaek"));
		}
		return (view.followUpDate() != null)
				? this.texts.get("sag.konflikt.sag.opfoelgning", this.texts.label(view.status()),
						this.texts.date(view.followUpDate()))
				: this.texts.get("sag.konflikt.sag", this.texts.label(view.status()));
	}

	/**
	 * The municipal thread when the service lets the caller use it; otherwise the page
	 * does not show it, as the API answers 404 to anyone else.
	 */
	private List<MunicipalNoteView> municipalNotes(UUID caseId, CurrentUser user) {
		try {
			return this.cooperation.municipalNotes(caseId, user, MUNICIPAL);
		}
		catch (ErrorResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return null;
			}
			throw ex;
		}
	}

	private String organisationName(String code) {
		return this.units.organisations(List.of(code)).stream().map(OrganisationDetails::name).findFirst().orElse(code);
	}

}
