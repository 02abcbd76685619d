package dk.coordination;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import dk.coordination.support.Browser;

/**
 * Base of the browser tests: the whole service as in {@link IntegrationTestEnvironment},
 * and one headless Chromium per test class, which logs in through Keycloak's real login
 * page. Name such classes {@code *BrowserTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestEnvironment extends IntegrationTestEnvironment {

	private Browser browser;

	protected Browser browser() {
		if (this.browser == null) {
			this.browser = Browser.start(port());
		}
		return this.browser;
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

}
