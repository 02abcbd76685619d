package dk.coordination.insight.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dk.coordination.web.DanishFormat;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PageController;
import dk.coordination.web.Problems;
import dk.coordination.web.SessionReferences;

/**
 * Tilsyn's "Anmodning om indsigt" (role {@code auditor}, under the web security rules for
 * {@code /tilsyn/**}): the CPR number in a POST form, the answer on the page and as the
 * letter, the same {@link InsightService} answer the API gives. The page lives here, not
 * with the rest of Tilsyn in {@code audit}, because the answer needs casework, which
 * audit cannot use.
 * <p>
 * The CPR number never reaches a URL: the form keeps the person (the number's keyed
 * hashes and masked form) in the session under a random reference and redirects to
 * {@code /tilsyn/indsigt?soegning=<reference>}; the letter's link uses the reference.
 * Each showing of the answer and each letter is a logged read, as through the API.
 */
@PageController
@RequestMapping("/tilsyn/indsigt")
class InsightPages {

	/** The session attribute holding the persons asked about, by reference. */
	static final String PERSONS = InsightPages.class.getName() + ".persons";

	private final InsightService insights;

	private final DanishFormat danish;

	private final Clock clock;

	InsightPages(InsightService insights, DanishFormat danish, Clock clock) {
		this.insights = insights;
		this.danish = danish;
		this.clock = clock;
	}

	@GetMapping
	String insight(@RequestParam(required = false) String soegning, HttpSession session, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (soegning != null) {
			InsightService.Person person = SessionReferences.recall(session, PERSONS, soegning,
					InsightService.Person.class);
			if (person == null) {
				errors.put("cpr", "tilsyn.fejl.soegning");
			}
			else {
				Insight insight = this.insights.insight(person, InsightService.PURPOSE);
				model.addAttribute("insight", insight);
				// the letter's own tables, so the page shows exactly what the PDF prints
				model.addAttribute("caseTables",
						insight.cases().stream().map((held) -> InsightLetter.tables(held, this.danish)).toList());
				model.addAttribute("reads", InsightLetter.reads(insight, this.danish));
				model.addAttribute("maskedCpr", person.maskedCpr());
				model.addAttribute("reference", soegning);
			}
		}
		model.addAttribute("errors", errors);
		return "insight/indsigt";
	}

	@PostMapping
	String insightFor(@RequestParam(required = false) String cpr, HttpSession session, Model model) {
		InsightService.Person person;
		try {
			person = this.insights.person(cpr);
		}
		catch (InvalidFieldException ex) {
			model.addAttribute("errors", Map.of("cpr", "tilsyn.fejl.cpr"));
			return "insight/indsigt";
		}
		return "redirect:/tilsyn/indsigt?soegning=" + SessionReferences.remember(session, PERSONS, person);
	}

	@GetMapping("/pdf")
	ResponseEntity<byte[]> insightPdf(@RequestParam String soegning, HttpSession session) {
		InsightService.Person person = SessionReferences.recall(session, PERSONS, soegning,
				InsightService.Person.class);
		if (person == null) {
			throw Problems.notFound("No search " + soegning + " in this session");
		}
		return InsightLetter.download(this.insights.insight(person, InsightService.PURPOSE), person.maskedCpr(),
				this.clock.instant(), this.danish);
	}

}
