package dk.coordination.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

import dk.coordination.BrowserTestEnvironment;
import dk.coordination.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' foundation in a real browser: every demo user logs in through Keycloak's
 * login page and lands on a Danish start page that axe-core finds no WCAG 2.1 AA fault
 * in; logging out ends at the logged-out page; an unknown address is the Danish 404.
 */
class WebFoundationBrowserTests extends BrowserTestEnvironment {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "sekretariat, KK-BIF", "politi, KBH-POLITI", "kriminalforsorgen, KRIMINALFORSORGEN", "buf, KK-BUF",
			"sof, KK-SOF", "auditor, KK-BIF", "admin, KK-BIF" })
	void everyDemoUserLogsInThroughKeycloakAndSeesTheirStartPage(String username, String organisation) {
		Browser browser = browser().loginAs(username);
		assertThat(browser.title()).isEqualTo("Forside – Koordineringsenheden");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Velkommen, " + username);
		assertThat(browser.text(By.cssSelector(".portal-user .user"))).isEqualTo(username + ", " + organisation);
		assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("da");
		assertThat(browser.accessibilityViolations()).isEmpty();
	}

	@Test
	void loggingOutEndsOnTheLoggedOutPageAndTheNextVisitAsksForTheLoginAgain() {
		Browser browser = browser().loginAs("buf");
		browser.driver().findElement(By.cssSelector(".portal-user button.log-off")).click();
		browser.waitForPath("/logget-ud");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Du er logget ud");
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.open("/");
		assertThat(browser.waitFor(By.id("kc-form-login")).isDisplayed()).isTrue();
	}

	@Test
	void anUnknownAddressIsTheDanishNotFoundPage() {
		Browser browser = browser().loginAs("sof");
		browser.open("/ingen-side-her");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Siden findes ikke");
		assertThat(browser.title()).isEqualTo("Siden findes ikke – Koordineringsenheden");
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.screenshot("fejl-404");
	}

}
