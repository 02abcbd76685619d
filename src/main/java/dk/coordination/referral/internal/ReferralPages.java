package dk.coordination.referral.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.IntakeResult;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.SubmittedReferral;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.referral.internal.ReferralForm.FormError;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PageController;

/**
 * Indsend bekymring: the pages of {@link ReferralController}'s API, through the same
 * {@link CaseIntake}, so the receipt is as uninformative about the person's case and the
 * own-referral reads are logged as through the API.
 */
@PageController
@RequestMapping("/bekymringer")
class ReferralPages {

	static final String PURPOSE = "Opfølgning på egne henvendelser";

	private static final int PAGE_SIZE = 20;

	private final CaseIntake intake;

	private final CoordinationUnits units;

	ReferralPages(CaseIntake intake, CoordinationUnits units) {
		this.intake = intake;
		this.units = units;
	}

	@GetMapping("/ny")
	String form(Model model) {
		List<UnitDetails> all = this.units.all();
		// with one unit there is nothing to choose
		return showForm(model, ReferralForm.empty((all.size() == 1) ? all.get(0).code() : null), Map.of(), all);
	}

	@PostMapping
	String submit(@ModelAttribute ReferralForm form, Model model, RedirectAttributes redirect) {
		Map<String, FormError> errors = form.validate();
		if (!errors.isEmpty()) {
			return showForm(model, form, errors, this.units.all());
		}
		IntakeResult result;
		try {
			result = this.intake.submit(form.toReferral(), CurrentUser.required());
		}
		catch (InvalidFieldException ex) {
			// the only field the service judges is the unit: one that does not exist
			return showForm(model, form, Map.of("unit", new FormError("unit", "referral.error.unit.unknown")),
					this.units.all());
		}
		redirect.addFlashAttribute("submitted", true);
		return "redirect:/bekymringer/" + result.referralId() + "/kvittering";
	}

	@GetMapping("/{referralId}/kvittering")
	String receipt(@PathVariable UUID referralId, @ReadPurpose(PURPOSE) String purpose, Model model) {
		SubmittedReferral referral = this.intake.ownReferral(referralId, CurrentUser.required(), purpose);
		model.addAttribute("referral", referral);
		model.addAttribute("unitName", unitName(referral.unit()));
		return "referral/kvittering";
	}

	@GetMapping
	String mine(@RequestParam(required = false) String cursor, @ReadPurpose(PURPOSE) String purpose, Model model) {
		CaseIntake.OwnReferrals page = this.intake.ownReferrals(CurrentUser.required(),
				(cursor == null || cursor.isBlank()) ? null : cursor, PAGE_SIZE, purpose);
		model.addAttribute("referrals", page.items());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("firstPage", cursor == null || cursor.isBlank());
		return "referral/mine";
	}

	private String showForm(Model model, ReferralForm form, Map<String, FormError> errors, List<UnitDetails> all) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("units", all);
		model.addAttribute("categories", ConcernCategory.values());
		model.addAttribute("legalBases", LegalBasis.values());
		return "referral/ny";
	}

	private String unitName(String code) {
		return this.units.find(code).map(UnitDetails::name).orElse(code);
	}

}
