package dk.coordination.organisation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dk.coordination.BrowserTestEnvironment;
import dk.coordination.support.Browser;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's model switch and the auditor's search and insight in a real
 * browser: the switch needs a reason, is confirmed on a page that says what changes for
 * whom, and shows in the history (switched back afterwards, as the test JVM shares one
 * database); the auditor finds a person's reads by CPR number without the number in any
 * address, and downloads the citizen's insight as a PDF. axe-core checks every page; the
 * screenshots of docs/screenshots come from here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationAndAuditBrowserTests extends BrowserTestEnvironment {

	@Test
	@Order(1)
	void anAdministratorSwitchesTheModelAfterConfirmingWhatChanges() {
		Browser browser = browser().loginAs("admin");
		browser.driver().findElement(By.linkText("Administration")).click();
		browser.waitForPath("/administration");
		assertThat(browser.title()).isEqualTo("Administration – Koordineringsenheden");
		assertNoViolations(browser);
		browser.screenshot("administration");

		// without a reason: the error summary links to the field
		browser.driver().findElement(By.id("skift-KBH")).click();
		WebElement summary = browser.waitFor(By.cssSelector("[data-module='error-summary']"));
		assertThat(summary.getText()).contains("Skriv en begrundelse for skiftet.");
		assertNoViolations(browser);

		try {
			browser.driver().findElement(By.id("reason-KBH")).sendKeys("Byrådet har besluttet model 2 (browsertest)");
			browser.driver().findElement(By.id("skift-KBH")).click();
			browser.waitFor(By.id("bekraeft"));
			assertThat(browser.title()).isEqualTo("Bekræft skift af sekretariatsmodel – Koordineringsenheden");
			assertThat(browser.text(By.tagName("main"))).contains("Københavns Politi bliver sekretariat")
				.contains("Beskæftigelses- og Integrationsforvaltningen er ikke længere sekretariat");
			assertNoViolations(browser);
			browser.screenshot("model-skift-bekraeft");
			browser.driver().findElement(By.id("bekraeft")).click();
			browser.waitFor(By.cssSelector(".alert-success"));
			assertThat(browser.text(By.id("historik-KBH"))).contains("Byrådet har besluttet model 2 (browsertest)")
				.contains("Fra Model 1 til Model 2");
			assertNoViolations(browser);
		}
		finally {
			api().as("admin")
				.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_1", "reason", "Browsertesten er slut"));
		}

		browser.driver()
			.findElement(By.linkText("Organisationer: tilføj en myndighed, eller ret type og postkasse"))
			.click();
		browser.waitForPath("/administration/organisationer");
		assertThat(browser.text(By.id("organisationer"))).contains("Københavns Politi");
		assertNoViolations(browser);
		browser.screenshot("organisationer");
	}

	@Test
	@Order(2)
	void anAuditorSearchesByCprAndDownloadsTheCitizensInsight() {
		String cpr = FakeCpr.next();
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "LEFT_WING")));
		api().as("sekretariat").get("/api/cases/" + caseId + "?purpose=Screening");

		Browser browser = browser().loginAs("auditor");
		browser.driver().findElement(By.linkText("Tilsyn")).click();
		browser.waitForPath("/tilsyn");
		assertNoViolations(browser);
		browser.screenshot("tilsyn");
		browser.driver().findElement(By.id("f-soeg")).sendKeys(cpr);
		browser.driver().findElement(By.id("soeg")).click();
		browser.waitFor(By.id("opslag"));
		assertThat(browser.driver().getCurrentUrl()).doesNotContain(cpr).doesNotContain(cpr.replace("-", ""));
		assertThat(browser.text(By.id("opslag"))).contains("sekretariat", "Screening");
		assertNoViolations(browser);
		browser.screenshot("tilsyn-resultat");
		assertThat(fetch(browser, By.id("csv"))).containsEntry("type", "text/csv;charset=UTF-8")
			.containsEntry("status", 200L);

		browser.driver().findElement(By.linkText("Besvar en borgers anmodning om indsigt")).click();
		browser.waitForPath("/tilsyn/indsigt");
		assertNoViolations(browser);
		browser.driver().findElement(By.id("f-cpr")).sendKeys(cpr);
		browser.driver().findElement(By.id("find")).click();
		browser.waitFor(By.id("pdf"));
		assertThat(browser.text(By.id("indsigt-opslag"))).contains("Beskæftigelses- og Integrationsforvaltningen")
			.contains("Screening")
			.doesNotContain("sekretariat");
		assertThat(browser.text(By.id("indsigt-person"))).contains("Testperson Fiktiv");
		assertThat(browser.text(By.id("sag-1"))).contains("Fiktiv bekymring til test.", "retsplejeloven § 115");
		assertNoViolations(browser);
		browser.screenshot("tilsyn-indsigt");
		Map<String, Object> pdf = fetch(browser, By.id("pdf"));
		assertThat(pdf).containsEntry("status", 200L).containsEntry("type", "application/pdf");
		assertThat((String) pdf.get("start")).isEqualTo("%PDF-");
		List<String> visited = List.of(browser.driver().getCurrentUrl());
		assertThat(visited).allSatisfy((url) -> assertThat(url).doesNotContain(cpr.replace("-", "")));

		// the check of the audit trail, reached from the Tilsyn page
		browser.driver().findElement(By.linkText("Tilsyn")).click();
		browser.waitForPath("/tilsyn");
		browser.driver().findElement(By.id("tilkontrol")).click();
		browser.waitForPath("/tilsyn/kontrol");
		assertThat(browser.text(By.id("resultat"))).contains("Revisionssporet er intakt");
		assertThat(browser.text(By.id("hoved"))).contains("MAC");
		assertNoViolations(browser);
		browser.screenshot("tilsyn-kontrol");
	}

	/**
	 * Fetches a link's target in the page, with its cookies: status, type, first bytes.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> fetch(Browser browser, By link) {
		String href = browser.driver().findElement(link).getDomAttribute("href");
		return (Map<String, Object>) browser.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then(async (response) => {
				  const bytes = new Uint8Array(await response.arrayBuffer());
				  done({status: response.status, type: response.headers.get('Content-Type'),
				        start: String.fromCharCode(...bytes.slice(0, 5))});
				}).catch((error) => done({error: String(error)}));
				""", href);
	}

	private static void assertNoViolations(Browser browser) {
		assertThat(browser.accessibilityViolations()).as("axe-core on " + browser.driver().getCurrentUrl()).isEmpty();
	}

}
