package dk.coordination.performance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-request figures of a Gatling report. Gatling 3.14 writes them only into its
 * HTML (no {@code stats.json} any more): one table row per request name, columns in a
 * fixed order (total, OK, KO, % KO, count per second, min, 50th, 75th, 95th, 99th
 * percentile, max, mean, standard deviation), over all responses of that name.
 */
record GatlingStats(String name, long total, long ok, long ko, long p50, long p95, long p99, long max) {

	private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");

	private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z ]*col-(\\d+)\">([^<]*)</td>");

	static List<GatlingStats> read(Path index) throws IOException {
		String html = Files.readString(index);
		List<GatlingStats> requests = new ArrayList<>();
		String[] rows = html.split("<tr id=\"req_");
		for (int i = 1; i < rows.length; i++) {
			Matcher name = NAME.matcher(rows[i]);
			if (!name.find()) {
				continue;
			}
			Map<Integer, String> cells = new HashMap<>();
			Matcher cell = CELL.matcher(rows[i]);
			while (cell.find()) {
				cells.putIfAbsent(Integer.parseInt(cell.group(1)), cell.group(2).strip());
			}
			requests.add(new GatlingStats(name.group(1).replace("&amp;", "&"), number(cells, 2), number(cells, 3),
					number(cells, 4), number(cells, 8), number(cells, 10), number(cells, 11), number(cells, 12)));
		}
		if (requests.isEmpty()) {
			throw new IllegalStateException("No request rows in " + index);
		}
		return requests;
	}

	private static long number(Map<Integer, String> cells, int column) {
		String value = cells.get(column);
		return (value == null || value.equals("-")) ? 0 : Math.round(Double.parseDouble(value.replace(",", "")));
	}

}
