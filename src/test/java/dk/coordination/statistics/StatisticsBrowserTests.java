package dk.coordination.statistics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dk.coordination.BrowserTestEnvironment;
import dk.coordination.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistik in a real browser: an administrator chooses the seeded unit and a period in
 * the form, and sees the tables with "&lt;5" and a chart drawn beside each; a wrong
 * period gives the error summary. axe-core checks both; the screenshot of
 * docs/screenshots comes from here.
 */
@ExtendWith(StatisticsTestData.class)
class StatisticsBrowserTests extends BrowserTestEnvironment {

	@Test
	void anAdministratorChoosesAUnitAndAPeriodAndSeesTheChartsWithTheSuppressedFigures() {
		Browser browser = browser().loginAs("admin");
		browser.driver().findElement(By.linkText("Statistik")).click();
		browser.waitForPath("/statistik");
		assertThat(browser.title()).isEqualTo("Statistik – Koordineringsenheden");

		new Select(browser.driver().findElement(By.id("statistik-unit"))).selectByValue(StatisticsTestData.UNIT);
		setDate(browser, "statistik-from", StatisticsTestData.FROM);
		setDate(browser, "statistik-to", StatisticsTestData.TO);
		browser.driver().findElement(By.id("statistik-vis")).click();
		browser.waitForPath("/statistik?unit=STAT&from=2025-01-01&to=2025-12-31");
		assertThat(browser.text(By.id("rapport"))).isEqualTo("Statistik for Statistikenheden (test)");

		// the tables: the suppressed cells show as <5, the cell of exactly 5 shows
		assertThat(cell(browser, "tabel-bekymringer-myndighed", "Kriminalforsorgen")).isEqualTo("<5");
		assertThat(cell(browser, "tabel-bekymringer-myndighed", "Kommunal forvaltning")).isEqualTo("<5");
		assertThat(cell(browser, "tabel-bekymringer-kategori", "Militant islamisme")).isEqualTo("5");
		assertThat(cell(browser, "tabel-foerste-moede", "Median (dage)")).isEqualTo("12,0");

		// a chart beside every table that has one, drawn as SVG from the table's rows
		WebElement chart = browser
			.waitFor(By.cssSelector(".statistik-diagram[data-chart-table='tabel-bekymringer-myndighed'] svg"));
		assertThat(chart.getDomProperty("textContent")).contains("Politi").contains("12").contains("<5");
		List<WebElement> charts = browser.driver().findElements(By.cssSelector(".statistik-diagram"));
		assertThat(charts).hasSize(7);
		assertThat(browser.driver().findElements(By.cssSelector(".statistik-diagram svg"))).hasSize(charts.size());
		assertThat(charts).allSatisfy((each) -> assertThat(each.getDomAttribute("aria-hidden")).isEqualTo("true"));
		assertNoViolations(browser);
		browser.screenshot("statistik");

		// a period the wrong way round: the error summary, no report
		browser.open("/statistik?unit=STAT&from=2025-12-31&to=2025-01-01");
		WebElement summary = browser.waitFor(By.id("error-summary"));
		assertThat(summary.getText()).contains("Startdatoen må ikke ligge efter slutdatoen.");
		assertThat(browser.driver().findElements(By.id("rapport"))).isEmpty();
		assertNoViolations(browser);
	}

	/**
	 * A date input's value as the date picker would set it (its typing is locale-bound).
	 */
	private static void setDate(Browser browser, String id, String isoDate) {
		browser.driver().executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, isoDate);
	}

	private static String cell(Browser browser, String table, String label) {
		return browser.driver()
			.findElement(By.xpath("//table[@id='" + table + "']//tr[th[normalize-space()='" + label + "']]/td"))
			.getText();
	}

	private static void assertNoViolations(Browser browser) {
		assertThat(browser.accessibilityViolations()).as("axe-core on " + browser.driver().getCurrentUrl()).isEmpty();
	}

}
