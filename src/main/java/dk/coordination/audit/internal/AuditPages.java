package dk.coordination.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dk.coordination.audit.internal.AccessLogSearch.Criteria;
import dk.coordination.audit.internal.AccessLogSearch.Entry;
import dk.coordination.audit.internal.AccessLogSearch.Subject;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PageController;
import dk.coordination.web.Problems;
import dk.coordination.web.SessionReferences;

/**
 * Tilsyn (role {@code auditor}, see the web security rules): the read log searched by
 * case number or CPR number, narrowed by period, organisation and purpose, with the
 * result as CSV. It runs {@link AccessLogSearch}, the API's query, so every look is
 * logged as the API's are. A citizen's request for insight ({@code /tilsyn/indsigt}) is
 * answered by the insight module, which also reads the cases this module cannot use.
 * <p>
 * A CPR number never goes into a URL, where the browser's history and the access logs
 * would keep it: the forms are POSTs that keep the search (with the number's keyed hash
 * and masked form, never the number) in the session under a random reference and redirect
 * to {@code /tilsyn?soegning=<reference>}; the result's pages and its CSV use the
 * reference. The reference lives as long as the session; the last few are kept.
 */
@PageController
@RequestMapping("/tilsyn")
class AuditPages {

	/** The session attribute holding the searches by reference. */
	static final String SEARCHES = AuditPages.class.getName() + ".searches";

	static final int PAGE_SIZE = 50;

	private static final Pattern CPR_SHAPE = Pattern.compile("\\d{6}-?\\d{4}");

	private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");

	private final AccessLogSearch log;

	private final DanishFormat danish;

	AuditPages(AccessLogSearch log, DanishFormat danish) {
		this.log = log;
		this.danish = danish;
	}

	@GetMapping
	String search(@RequestParam(required = false) String soegning, @RequestParam(required = false) String side,
			HttpSession session, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		Criteria criteria = null;
		if (soegning != null) {
			criteria = SessionReferences.recall(session, SEARCHES, soegning, Criteria.class);
			if (criteria == null) {
				errors.put("soeg", "tilsyn.fejl.soegning");
			}
		}
		if (criteria != null) {
			int page = pageOf(side);
			List<Entry> entries = this.log.search(criteria, page * PAGE_SIZE, PAGE_SIZE + 1, AccessLogSearch.PURPOSE);
			model.addAttribute("entries", entries.subList(0, Math.min(PAGE_SIZE, entries.size())));
			model.addAttribute("reference", soegning);
			model.addAttribute("page", page);
			model.addAttribute("more", entries.size() > PAGE_SIZE);
			model.addAttribute("criteria", criteria);
		}
		return render(model, formOf(criteria), errors);
	}

	@PostMapping("/soeg")
	String submit(@RequestParam Map<String, String> form, HttpSession session, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		String typed = form.getOrDefault("soeg", "").strip();
		Subject subject = null;
		if (typed.isEmpty()) {
			errors.put("soeg", "tilsyn.fejl.soeg");
		}
		else {
			try {
				subject = CPR_SHAPE.matcher(typed).matches() ? this.log.subject(null, null, typed)
						: this.log.subject(null, typed, null);
			}
			catch (InvalidFieldException ex) {
				errors.put("soeg", "tilsyn.fejl.cpr");
			}
		}
		LocalDate from = dateOf(form.get("fra"), "fra", errors);
		LocalDate to = dateOf(form.get("til"), "til", errors);
		if (from != null && to != null && to.isBefore(from)) {
			errors.put("til", "tilsyn.fejl.periode");
		}
		String purpose = form.getOrDefault("formaal", "").strip();
		if (purpose.length() > 200) {
			errors.put("formaal", "tilsyn.fejl.formaal");
		}
		if (!errors.isEmpty()) {
			Map<String, String> shown = new LinkedHashMap<>(form);
			// what was typed comes back, except a CPR number: the page is not a place to
			// keep it
			if (CPR_SHAPE.matcher(typed).matches()) {
				shown.put("soeg", "");
			}
			return render(model, shown, errors);
		}
		Criteria criteria = new Criteria(subject, from, to, form.get("organisation"), purpose);
		return "redirect:/tilsyn?soegning=" + SessionReferences.remember(session, SEARCHES, criteria);
	}

	/** The whole result (up to the API's largest limit) as CSV for a spreadsheet. */
	@GetMapping("/eksport")
	ResponseEntity<byte[]> csv(@RequestParam String soegning, HttpSession session) {
		Criteria criteria = SessionReferences.recall(session, SEARCHES, soegning, Criteria.class);
		if (criteria == null) {
			throw Problems.notFound("No search " + soegning + " in this session");
		}
		List<Entry> entries = this.log.search(criteria, 0, AccessLogSearch.MAX_LIMIT, AccessLogSearch.PURPOSE);
		Csv csv = new Csv(List.of("Tidspunkt", "Bruger", "Organisation", "Sagsnummer", "Sags-id", "Opslag", "Formål",
				"Anmodnings-id", "Korrelations-id"));
		entries.forEach((entry) -> csv.row(this.danish.dateTime(entry.readAt()), entry.username(), entry.organisation(),
				entry.caseNumber(), (entry.caseId() != null) ? entry.caseId().toString() : null, entry.what(),
				entry.purpose(), entry.requestId(), entry.correlationId()));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("adgangslog.csv").build().toString())
			.body(csv.toBytes());
	}

	private String render(Model model, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("organisations", this.log.organisations());
		return "audit/tilsyn";
	}

	/** The form as it was filled in for a search; the CPR number shows only masked. */
	private Map<String, String> formOf(Criteria criteria) {
		Map<String, String> form = new LinkedHashMap<>();
		if (criteria != null) {
			Subject subject = criteria.subject();
			form.put("soeg", subject.isPerson() ? "" : subject.caseNumber());
			form.put("fra", (criteria.from() != null) ? criteria.from().toString() : "");
			form.put("til", (criteria.to() != null) ? criteria.to().toString() : "");
			form.put("organisation", (criteria.organisation() != null) ? criteria.organisation() : "");
			form.put("formaal", (criteria.purpose() != null) ? criteria.purpose() : "");
		}
		return form;
	}

	private static LocalDate dateOf(String value, String field, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String given = value.strip();
		try {
			return given.contains("-") ? LocalDate.parse(given) : LocalDate.parse(given, DANISH_DATE);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "tilsyn.fejl.dato");
			return null;
		}
	}

	/** The page of the result, 0 for the first; the URL counts from 1. */
	private static int pageOf(String side) {
		try {
			return (side != null) ? Math.max(1, Math.min(1000, Integer.parseInt(side.strip()))) - 1 : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
