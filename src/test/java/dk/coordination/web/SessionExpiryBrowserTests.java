package dk.coordination.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.TestPropertySource;

import dk.coordination.BrowserTestEnvironment;
import dk.coordination.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-expiry warning with a session of seconds instead of 30 minutes: the warning
 * comes before the end, "stay logged in" renews the session on the server, and a session
 * left alone ends, on the server and on the logged-out page.
 */
@TestPropertySource(properties = { "coordination.web.session-timeout=12s", "coordination.web.session-warning=4s" })
class SessionExpiryBrowserTests extends BrowserTestEnvironment {

	private static final Duration LONGER_THAN_THE_SESSION = Duration.ofSeconds(30);

	@Test
	void theWarningComesBeforeTheSessionEndsAndStayingRenewsIt() {
		Browser browser = browser().loginAs("buf");
		String session = sessionCookie();
		WebElement warning = browser.driver().findElement(By.id("session-warning"));
		assertThat(warning.isDisplayed()).isFalse();

		await().until(ExpectedConditions.visibilityOf(warning));
		assertThat(warning.getText()).contains("Du bliver snart logget ud");
		// the button has the focus, so a keyboard user can stay with Enter
		WebElement stay = browser.driver().switchTo().activeElement();
		assertThat(stay.getText()).isEqualTo("Forbliv logget ind");
		stay.click();
		await().until(ExpectedConditions.invisibilityOf(warning));

		// the renewed session warns again only after the first one would have ended (12 s
		// after the login); it is still the same session: had it ended, Keycloak's single
		// sign-on would have logged buf in again silently, into a new session
		await().until(ExpectedConditions.visibilityOf(warning));
		browser.open("/");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Velkommen, buf");
		assertThat(sessionCookie()).isEqualTo(session);
	}

	@Test
	void aSessionLeftAloneEndsOnTheLoggedOutPage() {
		Browser browser = browser().loginAs("sof");
		String session = sessionCookie();
		await().until(ExpectedConditions.urlContains("/logget-ud?udloebet"));
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Du er blevet logget ud");
		assertThat(browser.accessibilityViolations()).isEmpty();
		// the session ended on the server too: coming back needs a login, here the silent
		// one of Keycloak's single sign-on, into a new session
		browser.open("/");
		assertThat(browser.text(By.tagName("h1"))).isEqualTo("Velkommen, sof");
		assertThat(sessionCookie()).isNotEqualTo(session);
	}

	private String sessionCookie() {
		return browser().driver().manage().getCookieNamed("SESSION").getValue();
	}

	private WebDriverWait await() {
		return new WebDriverWait(browser().driver(), LONGER_THAN_THE_SESSION);
	}

}
