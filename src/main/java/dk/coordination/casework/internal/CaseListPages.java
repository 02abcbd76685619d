package dk.coordination.casework.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.internal.CaseFilter.CaseSearch;
import dk.coordination.casework.internal.CaseViews.CasePage;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.PageController;
import dk.coordination.web.SessionReferences;

/**
 * Sager: the case list the caller may see, through the same {@link CaseService#list} as
 * {@code GET /api/cases}, so access and read logging are the service's. The filters are a
 * GET form, so a view is in the URL (bookmarkable, and the back button returns to it).
 * <p>
 * A CPR number never goes into a URL, where the browser's history and the access logs
 * would keep it: the search field is a POST to {@code /sager/soeg}, which turns a CPR
 * number into the keyed hash the case stores, keeps that (not the number) in the session
 * under a random reference, and redirects to {@code /sager?soegning=<reference>}. The
 * reference lives as long as the session, and only the last few are kept. A case number
 * is not personal data and goes into the URL as {@code sagsnummer}.
 */
@PageController
class CaseListPages {

	static final String PURPOSE = "Overblik over sager";

	/** The session attribute holding the CPR searches by reference. */
	static final String SEARCHES = CaseListPages.class.getName() + ".searches";

	private static final int PAGE_SIZE = 25;

	/** The filter parameters of the page, in the order the URL carries them. */
	static final List<String> FILTERS = List.of("status", "kategori", "organisation", "haster", "forfalden", "nye",
			"sagsnummer", "soegning");

	private static final String YES = "ja";

	private final CaseService cases;

	private final CoordinationUnits units;

	CaseListPages(CaseService cases, CoordinationUnits units) {
		this.cases = cases;
		this.units = units;
	}

	@GetMapping("/sager")
	String list(@RequestParam MultiValueMap<String, String> parameters, HttpSession session, Model model) {
		Map<String, String> form = formOf(parameters);
		Map<String, String> errors = new LinkedHashMap<>();
		CaseFilter filter = filterOf(form, session, errors);
		int size = sizeOf(parameters.getFirst("antal"), errors);
		if (errors.isEmpty()) {
			try {
				CasePage page = this.cases.list(CurrentUser.required(), filter,
						blankToNull(parameters.getFirst("efter")), size, PURPOSE);
				model.addAttribute("page", page);
				if (page.nextCursor() != null) {
					model.addAttribute("nextUrl", url(form, page.nextCursor(), parameters.getFirst("antal")));
				}
			}
			catch (InvalidFieldException ex) {
				errors.put(pageFieldOf(ex), "sager.fejl." + pageFieldOf(ex));
			}
		}
		return render(model, form, errors, filter.search(), parameters.getFirst("antal"));
	}

	private String render(Model model, Map<String, String> form, Map<String, String> errors, CaseSearch search,
			String size) {
		Map<String, String> withoutSearch = new LinkedHashMap<>(form);
		withoutSearch.put("sagsnummer", "");
		withoutSearch.put("soegning", "");
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("search", search);
		model.addAttribute("firstUrl", url(form, null, size));
		model.addAttribute("withoutSearchUrl", url(withoutSearch, null, size));
		model.addAttribute("filtered", FILTERS.stream().anyMatch((name) -> !form.get(name).isEmpty()));
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("categories", ConcernCategory.values());
		model.addAttribute("organisations", this.units.allOrganisations());
		return "casework/sager";
	}

	/**
	 * The search field: a case number goes into the URL, a CPR number into the session
	 * (as its keyed hash) behind a random reference. The current filters come along as
	 * hidden fields and stay in the URL.
	 */
	@PostMapping("/sager/soeg")
	String search(@RequestParam MultiValueMap<String, String> parameters, HttpSession session, Model model) {
		Map<String, String> form = formOf(parameters);
		form.put("sagsnummer", "");
		form.put("soegning", "");
		CaseSearch search;
		try {
			search = this.cases.searchFor(parameters.getFirst("soeg"), "soeg");
		}
		catch (InvalidFieldException ex) {
			model.addAttribute("typed", parameters.getFirst("soeg"));
			return render(model, form, Map.of("soeg", "sager.fejl.soeg"), null, parameters.getFirst("antal"));
		}
		if (search != null && search.isPerson()) {
			form.put("soegning", SessionReferences.remember(session, SEARCHES, search));
		}
		else if (search != null) {
			form.put("sagsnummer", search.caseNumber());
		}
		return "redirect:" + url(form, null, parameters.getFirst("antal"));
	}

	private CaseFilter filterOf(Map<String, String> form, HttpSession session, Map<String, String> errors) {
		CaseStatus status = enumOf(CaseStatus.class, form.get("status"), "status", errors);
		ConcernCategory category = enumOf(ConcernCategory.class, form.get("kategori"), "kategori", errors);
		String organisation = blankToNull(form.get("organisation"));
		Boolean urgent = yes(form.get("haster"), "haster", errors);
		Boolean due = yes(form.get("forfalden"), "forfalden", errors);
		Boolean newInformation = yes(form.get("nye"), "nye", errors);
		CaseSearch search = null;
		if (!form.get("soegning").isEmpty()) {
			search = SessionReferences.recall(session, SEARCHES, form.get("soegning"), CaseSearch.class);
			if (search == null) {
				errors.put("soeg", "sager.fejl.soegning");
			}
		}
		else if (!form.get("sagsnummer").isEmpty()) {
			if (CaseService.looksLikeCpr(form.get("sagsnummer"))) {
				// typed into the URL by hand: not searched, so it is not used either
				errors.put("soeg", "sager.fejl.cprIAdresse");
			}
			else {
				search = this.cases.searchFor(form.get("sagsnummer"), "soeg");
			}
		}
		return new CaseFilter(status, category, organisation, urgent, due, newInformation, search);
	}

	private static Map<String, String> formOf(MultiValueMap<String, String> parameters) {
		Map<String, String> form = new LinkedHashMap<>();
		FILTERS.forEach((name) -> {
			String value = parameters.getFirst(name);
			form.put(name, (value != null) ? value.strip() : "");
		});
		return form;
	}

	/** The list's address with these filters (and a cursor for the next page). */
	static String url(Map<String, String> form, String cursor, String size) {
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		form.forEach((name, value) -> {
			if (!value.isEmpty()) {
				query.add(name, value);
			}
		});
		if (size != null && !size.isBlank()) {
			query.add("antal", size.strip());
		}
		if (cursor != null) {
			query.add("efter", cursor);
		}
		return UriComponentsBuilder.fromPath("/sager").queryParams(query).encode().build().toUriString();
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, Map<String, String> errors) {
		if (value.isEmpty()) {
			return null;
		}
		return Arrays.stream(type.getEnumConstants())
			.filter((constant) -> constant.name().equals(value))
			.findFirst()
			.orElseGet(() -> {
				errors.put(field, "sager.fejl." + field);
				return null;
			});
	}

	private static Boolean yes(String value, String field, Map<String, String> errors) {
		if (value.isEmpty()) {
			return null;
		}
		if (!value.equals(YES)) {
			errors.put(field, "sager.fejl." + field);
		}
		return Boolean.TRUE;
	}

	private static int sizeOf(String value, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return PAGE_SIZE;
		}
		try {
			int size = Integer.parseInt(value.strip());
			if (size >= 1 && size <= 100) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		errors.put("antal", "sager.fejl.antal");
		return PAGE_SIZE;
	}

	/** The page's field for a field the service refused. */
	private static String pageFieldOf(InvalidFieldException ex) {
		String field = ex.errors().isEmpty() ? "" : ex.errors().get(0).field();
		return switch (field) {
			case "organisation" -> "organisation";
			case "cursor" -> "efter";
			default -> "soeg";
		};
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
