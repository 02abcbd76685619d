package dk.coordination.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dk.coordination.statistics.internal.Report.Figure;
import dk.coordination.statistics.internal.Report.Row;

/**
 * The rule that keeps the figures from pointing to a person (docs/statistics.md). Plain
 * Java without Spring or a database, so it is tested on its own.
 * <ul>
 * <li>Primary: a count from 1 to 4 is suppressed; 0 is shown (nobody to point to).</li>
 * <li>Secondary: a table shows its total, so a single suppressed cell would be the total
 * minus the others. When exactly one cell of a table is suppressed, the smallest other
 * cell above 0 is suppressed too (a 0 would not hide anything: it is known to be 0 once
 * the reader sees the rule). Two or more suppressed cells only give away their sum.</li>
 * <li>A median or percentile over 1 to 4 cases, and a percentage whose count or whose
 * base is suppressed, are suppressed.</li>
 * </ul>
 */
final class Suppression {

	/** Counts below this (and above 0) are not shown. */
	static final int THRESHOLD = 5;

	private Suppression() {
	}

	static boolean small(long count) {
		return count > 0 && count < THRESHOLD;
	}

	/** A single count that is no cell of a table with a total. */
	static Figure count(long count) {
		return small(count) ? Figure.SUPPRESSED : new Figure(count, false);
	}

	/**
	 * The cells of a table and their total, suppressed together.
	 * @param cells the counts in the order they are shown
	 */
	static <K> Table<K> table(Map<K, Long> cells) {
		List<K> keys = new ArrayList<>(cells.keySet());
		long[] values = keys.stream().mapToLong(cells::get).toArray();
		long total = 0;
		boolean[] hidden = new boolean[values.length];
		int hiddenCount = 0;
		for (int i = 0; i < values.length; i++) {
			total += values[i];
			hidden[i] = small(values[i]);
			hiddenCount += hidden[i] ? 1 : 0;
		}
		boolean totalHidden = small(total);
		if (!totalHidden && hiddenCount == 1) {
			int next = -1;
			for (int i = 0; i < values.length; i++) {
				if (!hidden[i] && values[i] > 0 && (next < 0 || values[i] < values[next])) {
					next = i;
				}
			}
			if (next >= 0) {
				hidden[next] = true;
			}
			else {
				// cannot happen while the total is 5 or more, but never show a way back
				totalHidden = true;
			}
		}
		Map<K, Figure> figures = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			figures.put(keys.get(i), hidden[i] ? Figure.SUPPRESSED : new Figure(values[i], false));
		}
		return new Table<>(figures, totalHidden ? Figure.SUPPRESSED : new Figure(total, false), total);
	}

	/**
	 * A count as a percentage of a base, one decimal. Suppressed when the count is
	 * suppressed (the percentage times the base would give it back) or the base is below
	 * the threshold; no value when the base is 0.
	 */
	static Figure percent(Figure count, long value, long base) {
		if (base == 0) {
			return Figure.NONE;
		}
		if (count.suppressed() || base < THRESHOLD) {
			return Figure.SUPPRESSED;
		}
		return new Figure(BigDecimal.valueOf(value * 100).divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP),
				false);
	}

	/**
	 * A measure (median, percentile) over {@code cases} cases: suppressed over 1 to 4, no
	 * value over none.
	 */
	static Figure measure(long cases, Double value) {
		if (cases == 0 || value == null) {
			return Figure.NONE;
		}
		if (small(cases)) {
			return Figure.SUPPRESSED;
		}
		return new Figure(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP), false);
	}

	/**
	 * A suppressed table.
	 *
	 * @param cells the figure of each cell, in order
	 * @param total the figure of the total
	 * @param totalValue the true total, for percentages of it (never shown as such)
	 */
	record Table<K>(Map<K, Figure> cells, Figure total, long totalValue) {

		Figure cell(K key) {
			return this.cells.get(key);
		}

		List<Row> rows() {
			return this.cells.entrySet()
				.stream()
				.map((cell) -> new Row(String.valueOf(cell.getKey()), cell.getValue().value(),
						cell.getValue().suppressed()))
				.toList();
		}

	}

}
