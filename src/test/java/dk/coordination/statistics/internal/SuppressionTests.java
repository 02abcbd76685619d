package dk.coordination.statistics.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.coordination.statistics.internal.Report.Figure;
import dk.coordination.statistics.internal.Suppression.Table;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suppression rule on its own: which cells a reader sees, and that no suppressed cell
 * can be worked out from the total and the others.
 */
class SuppressionTests {

	private static final Figure HIDDEN = Figure.SUPPRESSED;

	@Test
	void countsFromOneToFourAreSuppressedZeroAndFiveShow() {
		assertThat(Suppression.count(0)).isEqualTo(new Figure(0L, false));
		for (long small = 1; small <= 4; small++) {
			assertThat(Suppression.count(small)).as("%d", small).isEqualTo(HIDDEN);
		}
		assertThat(Suppression.count(5)).isEqualTo(new Figure(5L, false));
	}

	@Test
	void aLoneSuppressedCellTakesTheSmallestOtherCellAboveZeroWithIt() {
		Table<String> table = Suppression.table(cells(12, 3, 10, 0));
		assertThat(table.cells().values()).containsExactly(new Figure(12L, false), HIDDEN, HIDDEN,
				new Figure(0L, false));
		assertThat(table.total()).isEqualTo(new Figure(25L, false));
		// the reader knows only that the two hidden cells add up to 13
		assertThat(table.totalValue()).isEqualTo(25);
	}

	@Test
	void twoSuppressedCellsNeedNoSecondAndAFiveStays() {
		Table<String> table = Suppression.table(cells(5, 9, 2, 8, 1));
		assertThat(table.cells().values()).containsExactly(new Figure(5L, false), new Figure(9L, false), HIDDEN,
				new Figure(8L, false), HIDDEN);
	}

	@Test
	void aSmallTotalIsSuppressedWithEveryCell() {
		Table<String> table = Suppression.table(cells(1, 0, 2));
		assertThat(table.cells().values()).containsExactly(HIDDEN, new Figure(0L, false), HIDDEN);
		assertThat(table.total()).isEqualTo(HIDDEN);
	}

	@Test
	void inATableOfTwoOneSmallCellHidesBoth() {
		Table<String> table = Suppression.table(cells(2, 10));
		assertThat(table.cells().values()).containsExactly(HIDDEN, HIDDEN);
		assertThat(table.total()).isEqualTo(new Figure(12L, false));
	}

	@Test
	void noSuppressedCellCanBeWorkedOutFromTheTotal() {
		// every table of four cells from 0 to 7: whatever is hidden, the total minus the
		// shown cells never gives a single hidden cell
		for (int a = 0; a < 8; a++) {
			for (int b = 0; b < 8; b++) {
				for (int c = 0; c < 8; c++) {
					for (int d = 0; d < 8; d++) {
						Table<String> table = Suppression.table(cells(a, b, c, d));
						long hidden = table.cells().values().stream().filter(Figure::suppressed).count();
						boolean anySmall = Suppression.small(a) || Suppression.small(b) || Suppression.small(c)
								|| Suppression.small(d);
						assertThat(hidden != 1 || table.total().suppressed()).as("%d %d %d %d", a, b, c, d).isTrue();
						assertThat(!anySmall || hidden >= 1).isTrue();
					}
				}
			}
		}
	}

	@Test
	void aPercentageIsSuppressedWithItsCountOrASmallBase() {
		assertThat(Suppression.percent(new Figure(7L, false), 7, 10))
			.isEqualTo(new Figure(new BigDecimal("70.0"), false));
		assertThat(Suppression.percent(new Figure(1L, false), 1, 3)).as("base below 5").isEqualTo(HIDDEN);
		assertThat(Suppression.percent(HIDDEN, 2, 12)).as("count suppressed").isEqualTo(HIDDEN);
		assertThat(Suppression.percent(new Figure(0L, false), 0, 0)).isEqualTo(Figure.NONE);
		assertThat(Suppression.percent(new Figure(5L, false), 5, 15))
			.isEqualTo(new Figure(new BigDecimal("33.3"), false));
	}

	@Test
	void aMedianOverFewerThanFiveCasesIsSuppressed() {
		assertThat(Suppression.measure(4, 12.0)).isEqualTo(HIDDEN);
		assertThat(Suppression.measure(5, 12.25)).isEqualTo(new Figure(new BigDecimal("12.3"), false));
		assertThat(Suppression.measure(0, null)).isEqualTo(Figure.NONE);
	}

	private static Map<String, Long> cells(long... values) {
		Map<String, Long> cells = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			cells.put("k" + i, values[i]);
		}
		return cells;
	}

}
