package dk.coordination.organisation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.OrganisationType;
import dk.coordination.organisation.SecretariatModel;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.organisation.internal.OrganisationAdministration.NewOrganisation;
import dk.coordination.organisation.internal.OrganisationAdministration.OrganisationChange;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PageController;
import dk.coordination.web.Problems;

/**
 * Administration (role {@code admin}, see the web security rules): the units with their
 * secretariat model, its history of switches and the follow-up default; the
 * organisations. The pages call the same services as {@link UnitController} and
 * {@link AdministrationController}.
 * <p>
 * A model switch takes two steps: the form with the reason posts to a confirmation page
 * that says what changes for whom (nothing is changed yet), whose button posts the switch
 * itself and redirects back (post, redirect, get).
 */
@PageController
@RequestMapping("/administration")
class AdministrationPages {

	private static final int MAX_REASON = 2000;

	private final UnitService units;

	private final SecretariatModelHistory history;

	private final OrganisationAdministration organisations;

	private final MessageSource messages;

	AdministrationPages(UnitService units, SecretariatModelHistory history, OrganisationAdministration organisations,
			MessageSource messages) {
		this.units = units;
		this.history = history;
		this.organisations = organisations;
		this.messages = messages;
	}

	@GetMapping
	String units(Model model) {
		return showUnits(model, null, Map.of(), Map.of());
	}

	/**
	 * The switch form: checks the reason, then asks for confirmation; changes nothing.
	 */
	@PostMapping("/enheder/{code}/model")
	String confirmSwitch(@PathVariable String code, @RequestParam(required = false) String reason, Model model) {
		UnitDetails unit = unit(code);
		String given = (reason != null) ? reason.strip() : "";
		String error = reasonError(given);
		if (error != null) {
			return showUnits(model, code, Map.of("reason-" + code, error), Map.of("reason-" + code, given));
		}
		SecretariatModel to = unit.model().other();
		model.addAttribute("unit", unit);
		model.addAttribute("to", to);
		model.addAttribute("reason", given);
		model.addAttribute("consequences", consequences(unit, to));
		return "administration/model-skift-bekraeft";
	}

	/**
	 * The confirmed switch (the API's {@code PUT /api/units/{code}/secretariat-model}).
	 */
	@PostMapping("/enheder/{code}/model/bekraeft")
	String switchModel(@PathVariable String code, @RequestParam(required = false) SecretariatModel model,
			@RequestParam(required = false) String reason, Model page, RedirectAttributes redirect) {
		UnitDetails unit = unit(code);
		String given = (reason != null) ? reason.strip() : "";
		String error = reasonError(given);
		if (model == null || error != null) {
			return showUnits(page, code,
					Map.of("reason-" + code, (error != null) ? error : "administration.fejl.model"),
					Map.of("reason-" + code, given));
		}
		UnitDetails switched = this.units.switchModel(code, model, given, CurrentUser.required()).orElseThrow();
		redirect.addFlashAttribute("success", text("administration.skiftet", unit.name(),
				text("administration.model." + switched.model()), name(switched.secretariatOrganisation())));
		return "redirect:/administration#enhed-" + code;
	}

	@PostMapping("/enheder/{code}/opfoelgning")
	String followUpDefault(@PathVariable String code, @RequestParam(required = false) String days, Model model,
			RedirectAttributes redirect) {
		UnitDetails unit = unit(code);
		Integer parsed = parseDays(days);
		if (parsed == null) {
			return showUnits(model, code, Map.of("days-" + code, "administration.fejl.dage"),
					Map.of("days-" + code, (days != null) ? days : ""));
		}
		this.units.changeFollowUpDefault(code, parsed);
		redirect.addFlashAttribute("success", text("administration.opfoelgning.gemt", unit.name(), parsed));
		return "redirect:/administration#enhed-" + code;
	}

	@GetMapping("/organisationer")
	String organisations(Model model) {
		return showOrganisations(model, Map.of(), Map.of());
	}

	@PostMapping("/organisationer")
	String add(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		OrganisationType type = typeOf(form.get("type"));
		try {
			OrganisationDetails added = this.organisations.add(new NewOrganisation(form.get("code"), form.get("name"),
					type, form.get("municipality"), form.get("notificationEmail")));
			redirect.addFlashAttribute("success", text("organisationer.tilfoejet", added.name(), added.code()));
			return "redirect:/administration/organisationer";
		}
		catch (InvalidFieldException ex) {
			return showOrganisations(model, Map.of("ny-" + fieldOf(ex), "organisationer.fejl." + fieldOf(ex)), form);
		}
		catch (ErrorResponseException ex) {
			// the only other refusal: the code is taken
			return showOrganisations(model, Map.of("ny-code", "organisationer.fejl.optaget"), form);
		}
	}

	@GetMapping("/organisationer/{code}")
	String organisation(@PathVariable String code, Model model) {
		OrganisationDetails organisation = organisationOf(code);
		return showOrganisation(model, organisation, Map.of(),
				Map.of("type", organisation.type().name(), "municipality", nullToEmpty(organisation.municipality()),
						"notificationEmail", nullToEmpty(organisation.notificationEmail())));
	}

	@PostMapping("/organisationer/{code}")
	String change(@PathVariable String code, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		OrganisationDetails organisation = organisationOf(code);
		try {
			OrganisationType type = typeOf(form.get("type"));
			if (type == null) {
				throw new InvalidFieldException("type", "unknown");
			}
			this.organisations.change(code, new OrganisationChange(type, nullToEmpty(form.get("municipality")),
					nullToEmpty(form.get("notificationEmail"))));
		}
		catch (InvalidFieldException ex) {
			return showOrganisation(model, organisation, Map.of(fieldOf(ex), "organisationer.fejl." + fieldOf(ex)),
					form);
		}
		redirect.addFlashAttribute("success", text("organisationer.gemt", organisation.name()));
		return "redirect:/administration/organisationer";
	}

	private String showUnits(Model model, String failedUnit, Map<String, String> errors, Map<String, String> typed) {
		List<UnitDetails> all = this.units.all();
		Map<String, List<SecretariatModelHistory.ModelSwitch>> switches = new LinkedHashMap<>();
		all.forEach((unit) -> switches.put(unit.code(), this.history.of(unit.code())));
		model.addAttribute("units", all);
		model.addAttribute("switches", switches);
		model.addAttribute("names", names());
		model.addAttribute("failedUnit", failedUnit);
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		return "administration/enheder";
	}

	private String showOrganisations(Model model, Map<String, String> errors, Map<String, String> form) {
		model.addAttribute("organisations", this.organisations.all());
		model.addAttribute("types", OrganisationType.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "administration/organisationer";
	}

	private String showOrganisation(Model model, OrganisationDetails organisation, Map<String, String> errors,
			Map<String, String> form) {
		model.addAttribute("organisation", organisation);
		model.addAttribute("types", OrganisationType.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "administration/organisation";
	}

	/**
	 * What the switch changes for whom, from the model definitions: who becomes
	 * secretariat, who stops being it, and who reads the municipality's own space.
	 */
	private List<String> consequences(UnitDetails unit, SecretariatModel to) {
		String becomes = name((to == SecretariatModel.MODEL_1) ? unit.model1Secretariat() : unit.model2Secretariat());
		String stops = name(unit.secretariatOrganisation());
		List<String> lines = new ArrayList<>();
		lines.add(text("administration.bekraeft.bliver", becomes, unit.name()));
		lines.add(text("administration.bekraeft.mister", stops));
		lines.add(text("administration.bekraeft.rum." + to, name(unit.municipalCoordinator()), becomes));
		lines.add(text("administration.bekraeft.straks"));
		return lines;
	}

	private UnitDetails unit(String code) {
		return this.units.find(code).orElseThrow(() -> Problems.notFound("No coordination unit with code " + code));
	}

	private OrganisationDetails organisationOf(String code) {
		return this.units.organisations(List.of(code))
			.stream()
			.findFirst()
			.orElseThrow(() -> Problems.notFound("No organisation with code " + code));
	}

	private Map<String, String> names() {
		return this.units.allOrganisations()
			.stream()
			.collect(Collectors.toMap(OrganisationDetails::code, OrganisationDetails::name));
	}

	private String name(String code) {
		return this.units.organisations(List.of(code)).stream().findFirst().map(OrganisationDetails::name).orElse(code);
	}

	private static String reasonError(String reason) {
		if (reason.isEmpty()) {
			return "administration.fejl.begrundelse";
		}
		if (reason.length() > MAX_REASON
				|| reason.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			return "administration.fejl.begrundelse.lang";
		}
		return null;
	}

	private static Integer parseDays(String days) {
		try {
			int parsed = Integer.parseInt((days != null) ? days.strip() : "");
			return (parsed >= 1 && parsed <= 365) ? parsed : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static OrganisationType typeOf(String value) {
		for (OrganisationType type : OrganisationType.values()) {
			if (type.name().equals(value)) {
				return type;
			}
		}
		return null;
	}

	private static String fieldOf(InvalidFieldException ex) {
		return ex.errors().isEmpty() ? "code" : ex.errors().get(0).field();
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, DanishFormat.LOCALE);
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}
