package dk.coordination.statistics.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;
import dk.coordination.web.PageController;

/**
 * Statistik: a GET form (unit, from, to), so a report is a bookmarkable URL that holds no
 * personal data, and the report as tables with a chart beside each (drawn by
 * {@code statistics.js}; the tables are the page without JavaScript and for screen
 * readers). {@code /statistik.csv} and {@code /statistik.pdf} take the same parameters
 * and show the same tables. All three go through {@link StatisticsService}, as the API
 * does, so who may see a unit is decided there.
 */
@PageController
class StatisticsPages {

	private final StatisticsService statistics;

	private final ReportTables tables;

	private final StatisticsCsv csv;

	private final StatisticsPdf pdf;

	private final Clock clock;

	StatisticsPages(StatisticsService statistics, ReportTables tables, StatisticsCsv csv, StatisticsPdf pdf,
			Clock clock) {
		this.statistics = statistics;
		this.tables = tables;
		this.csv = csv;
		this.pdf = pdf;
		this.clock = clock;
	}

	/**
	 * Without parameters, the report of the user's (first) unit from New Year until
	 * today; a parameter that is there but empty is an error, as the user cleared it.
	 */
	@GetMapping("/statistik")
	String page(@RequestParam(required = false) String unit, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model, HttpServletResponse response) {
		CurrentUser user = CurrentUser.required();
		List<UnitDetails> choices = this.statistics.unitsFor(user);
		LocalDate today = LocalDate.now(this.clock.withZone(DanishTime.ZONE));
		Map<String, String> form = new LinkedHashMap<>();
		form.put("unit", (unit != null) ? unit : choices.isEmpty() ? "" : choices.get(0).code());
		form.put("from", (from != null) ? from : today.withDayOfYear(1).toString());
		form.put("to", (to != null) ? to : today.toString());
		model.addAttribute("units", choices);
		model.addAttribute("form", form);
		Map<String, String> errors = new LinkedHashMap<>();
		if (!choices.isEmpty() || unit != null) {
			ReportRequest.Checked checked = ReportRequest.check(form.get("unit"), form.get("from"), form.get("to"));
			checked.problems()
				.forEach((problem) -> errors.putIfAbsent(problem.field(),
						"statistik.error." + problem.field() + "." + problem.code()));
			if (checked.request() != null) {
				Report report = this.statistics.report(user, checked.request());
				model.addAttribute("report", report);
				model.addAttribute("tables", this.tables.of(report));
				model.addAttribute("csvUrl", download("/statistik.csv", checked.request()));
				model.addAttribute("pdfUrl", download("/statistik.pdf", checked.request()));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("errors", errors);
		return "statistics/statistik";
	}

	@GetMapping("/statistik.csv")
	ResponseEntity<byte[]> csv(@RequestParam(required = false) String unit, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Report report = this.statistics.report(CurrentUser.required(), unit, from, to);
		return file(this.csv.render(report), new MediaType("text", "csv", StandardCharsets.UTF_8),
				ContentDisposition.attachment(), fileName(report, "csv"));
	}

	@GetMapping("/statistik.pdf")
	ResponseEntity<byte[]> pdf(@RequestParam(required = false) String unit, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Report report = this.statistics.report(CurrentUser.required(), unit, from, to);
		// inline: the browser shows it, ready to print
		return file(this.pdf.render(report), MediaType.APPLICATION_PDF, ContentDisposition.inline(),
				fileName(report, "pdf"));
	}

	private static String download(String path, ReportRequest request) {
		return UriComponentsBuilder.fromPath(path)
			.queryParam("unit", request.unit())
			.queryParam("from", request.from())
			.queryParam("to", request.to())
			.encode()
			.toUriString();
	}

	private static String fileName(Report report, String extension) {
		return "statistik-" + report.unit().code() + "-" + report.from() + "-" + report.to() + "." + extension;
	}

	private static ResponseEntity<byte[]> file(byte[] body, MediaType type, ContentDisposition.Builder disposition,
			String name) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(name).build().toString())
			// a report is only for whoever asked for it
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

}
