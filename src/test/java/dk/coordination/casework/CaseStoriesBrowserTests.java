package dk.coordination.casework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dk.coordination.BrowserTestEnvironment;
import dk.coordination.support.Api;
import dk.coordination.support.Browser;
import dk.coordination.support.FakeCpr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stories of issue 8 in a real browser, one person after the other on one case: a
 * caseworker submits a concern and gets the receipt; the secretariat finds the case by
 * CPR, moves it, adds the prison service as participant and gives it a task; the
 * prison-service liaison updates the task and writes a status report; an unrelated
 * caseworker gets the same 404 as for a case that does not exist; a stale edit shows the
 * conflict and keeps what was typed. axe-core checks every page on the way; the
 * screenshots of docs/screenshots come from here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseStoriesBrowserTests extends BrowserTestEnvironment {

	private static final Pattern RECEIPT_NUMBER = Pattern.compile("H-KBH-\\d{4}-\\d{5}");

	private final String cpr = FakeCpr.next();

	private String caseId;

	@Test
	@Order(1)
	void aCaseworkerSubmitsAConcernAndSeesTheReceipt() {
		Browser browser = browser().loginAs("buf");
		browser.screenshot("forside-buf");
		browser.driver().findElement(By.linkText("Indsend bekymring")).click();
		browser.waitForPath("/bekymringer/ny");
		assertThat(browser.title()).isEqualTo("Indsend bekymring – Koordineringsenheden");
		assertNoViolations(browser);
		browser.screenshot("indsend-bekymring");
		browser.phoneWidth();
		// on a phone the logout and the menu stay reachable
		assertThat(browser.driver().findElement(By.cssSelector(".portal-user button.log-off")).isDisplayed()).isTrue();
		assertThat(browser.driver().findElement(By.linkText("Sager")).isDisplayed()).isTrue();
		assertNoViolations(browser);
		browser.screenshot("indsend-bekymring-mobil");
		browser.desktopWidth();

		// a CPR number that is no date: the format check answers when the field is left
		type(browser, "cpr", "320199-1234");
		type(browser, "name", "Fiktiv Browsertest");
		assertThat(browser.driver().findElement(By.id("cpr-format-error")).isDisplayed()).isTrue();
		type(browser, "concern", "Fiktiv bekymring skrevet i browsertesten.");
		browser.driver().findElement(By.cssSelector("label[for='category-OTHER']")).click();
		browser.driver().findElement(By.cssSelector("label[for='legalBasis-RETSPLEJELOVEN_115']")).click();
		submit(browser, "referral-form");

		// the server refuses it: the error summary has the focus and links to the field
		WebElement summary = browser.waitFor(By.id("error-summary"));
		assertThat(browser.driver().switchTo().activeElement()).isEqualTo(summary);
		WebElement toCpr = summary.findElement(By.cssSelector("a[href='#cpr']"));
		assertThat(browser.driver().findElement(By.id("name")).getDomProperty("value")).isEqualTo("Fiktiv Browsertest");
		assertNoViolations(browser);
		browser.screenshot("indsend-bekymring-fejl");
		toCpr.click();
		assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("cpr");

		WebElement cprField = browser.driver().findElement(By.id("cpr"));
		cprField.clear();
		cprField.sendKeys(this.cpr);
		submit(browser, "referral-form");

		browser.waitForPath("/bekymringer/");
		assertThat(browser.title()).isEqualTo("Kvittering – Koordineringsenheden");
		Matcher number = RECEIPT_NUMBER.matcher(browser.text(By.tagName("main")));
		assertThat(number.find()).as("a receipt number on the receipt").isTrue();
		assertNoViolations(browser);
		browser.screenshot("kvittering");
	}

	@Test
	@Order(2)
	void theSecretariatFindsTheCaseByCprMovesItAddsAParticipantAndGivesATask() {
		Browser browser = browser().loginAs("sekretariat");
		assertNoViolations(browser);
		browser.screenshot("forside-sekretariat");
		browser.driver().findElement(By.linkText("Sager")).click();
		browser.waitForPath("/sager");
		assertThat(browser.title()).isEqualTo("Sager – Koordineringsenheden");
		assertNoViolations(browser);
		browser.screenshot("sager");

		// with JavaScript a filter swaps only the list: the page is not loaded again (the
		// mark set on it survives), the URL carries the filter, and back returns
		browser.driver().executeScript("window.notReloaded = true;");
		new Select(browser.driver().findElement(By.id("f-status"))).selectByValue("RECEIVED");
		browser.driver().findElement(By.id("filtre-vis")).click();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
			.until(ExpectedConditions.urlContains("status=RECEIVED"));
		browser.waitFor(By.cssSelector("#sagsliste #sager"));
		assertThat(browser.driver().executeScript("return window.notReloaded === true;")).isEqualTo(true);
		assertThat(browser.driver().findElements(By.cssSelector("#sager tbody tr")))
			.allMatch((row) -> row.getText().contains("Modtaget"));
		assertNoViolations(browser);
		browser.driver().navigate().back();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
			.until((driver) -> !driver.getCurrentUrl().contains("status=RECEIVED"));

		WebElement search = browser.waitFor(By.id("f-soeg"));
		search.sendKeys(this.cpr);
		search.submit();
		browser.waitForPath("/sager");
		assertThat(browser.driver().getCurrentUrl()).doesNotContain(this.cpr).doesNotContain(this.cpr.replace("-", ""));
		List<WebElement> found = browser.driver().findElements(By.cssSelector("#sager tbody a[href^='/sager/']"));
		assertThat(found).hasSize(1);
		found.get(0).click();
		browser.waitFor(By.id("nuvaerende-status"));
		this.caseId = browser.driver().getCurrentUrl().replaceAll(".*/sager/", "").replaceAll("[?#].*", "");
		assertThat(browser.title()).startsWith("Sag ").endsWith(" – Koordineringsenheden");
		assertThat(section(browser, "personen")).contains("Fiktiv Browsertest").contains(this.cpr);
		assertNoViolations(browser);
		browser.screenshot("sag");

		open(browser, "form-status");
		browser.driver()
			.findElement(By
				.cssSelector("#form-status label[for='status-to-SCREENING'], #form-status label[for='status-to']"))
			.click();
		assertThat(browser.driver().findElement(By.cssSelector("#form-status input[value='SCREENING']")).isSelected())
			.isTrue();
		type(browser, "status-reason", "Screenes i browsertesten.");
		submit(browser, "form-status");
		browser.waitFor(By.cssSelector(".alert-success"));
		assertThat(browser.text(By.id("nuvaerende-status"))).contains("Screening");
		assertThat(section(browser, "historik")).contains("Screenes i browsertesten.");

		open(browser, "form-deltager");
		new Select(browser.driver().findElement(By.id("deltager-organisation"))).selectByValue("KRIMINALFORSORGEN");
		browser.driver().findElement(By.cssSelector("#form-deltager input[name='legalBasis']")).click();
		type(browser, "deltager-purpose", "Kriminalforsorgen følger personen efter løsladelse.");
		submit(browser, "form-deltager");
		browser.waitFor(By.cssSelector(".alert-success"));
		assertThat(section(browser, "deltagere")).contains("Kriminalforsorgen");

		open(browser, "form-ny-opgave");
		new Select(browser.driver().findElement(By.id("ny-opgave-organisation"))).selectByValue("KRIMINALFORSORGEN");
		type(browser, "ny-opgave-description", "Tal med personen om støtte efter løsladelsen.");
		submit(browser, "form-ny-opgave");
		browser.waitFor(By.cssSelector(".alert-success"));
		assertThat(section(browser, "opgaver")).contains("Tal med personen om støtte efter løsladelsen.");
		assertNoViolations(browser);
	}

	@Test
	@Order(3)
	void theLiaisonUpdatesTheTaskAndWritesAStatusReport() {
		Browser browser = browser().loginAs("kriminalforsorgen");
		assertNoViolations(browser);
		browser.screenshot("forside-kriminalforsorgen");
		browser.open("/sager/" + this.caseId);
		browser.waitFor(By.id("opgaver"));
		// the participant sees the case with the CPR number masked
		assertThat(section(browser, "personen")).doesNotContain(this.cpr);

		WebElement taskForm = browser.driver().findElement(By.xpath("//form[.//select[@name='state']]"));
		open(browser, taskForm.getDomAttribute("id"));
		new Select(taskForm.findElement(By.name("state"))).selectByValue("DONE");
		taskForm.findElement(By.name("outcome")).sendKeys("Samtale holdt; personen tager imod støtte.");
		taskForm.submit();
		browser.waitFor(By.cssSelector(".alert-success"));
		assertThat(section(browser, "opgaver")).contains("Samtale holdt; personen tager imod støtte.");

		open(browser, "form-rapport");
		browser.driver()
			.findElement(By.cssSelector("#form-rapport input[name='involvement'][value='IN_PROGRESS']"))
			.click();
		type(browser, "rapport-text", "Kriminalforsorgen har personen i tilsyn.");
		submit(browser, "form-rapport");
		browser.waitFor(By.cssSelector(".alert-success"));
		assertThat(section(browser, "statusrapporter")).contains("Kriminalforsorgen har personen i tilsyn.");
		assertNoViolations(browser);
		browser.screenshot("sag-kriminalforsorgen");
	}

	@Test
	@Order(4)
	void anUnrelatedCaseworkerGetsTheSameNotFoundAsForNoCaseAtAll() {
		Browser browser = browser().loginAs("sof");
		browser.open("/sager/" + this.caseId);
		String hidden = browser.text(By.tagName("main"));
		String hiddenTitle = browser.title();
		browser.open("/sager/" + UUID.randomUUID());
		assertThat(browser.text(By.tagName("main"))).isEqualTo(hidden).contains("Siden findes ikke");
		assertThat(browser.title()).isEqualTo(hiddenTitle);
		assertNoViolations(browser);
	}

	@Test
	@Order(5)
	void aStaleEditShowsTheConflictAndKeepsWhatWasTyped() {
		Browser browser = browser().loginAs("sekretariat");
		browser.open("/sager/" + this.caseId);
		open(browser, "form-status");
		browser.driver().findElement(By.cssSelector("#form-status input[value='AWAITING_MEETING']")).click();
		type(browser, "status-reason", "Til mødet, skrevet før den anden ændring.");

		// meanwhile someone else moves the case
		Api.Response current = api().as("sekretariat").get("/api/cases/" + this.caseId);
		Map<String, Object> transition = new LinkedHashMap<>();
		transition.put("to", "AWAITING_MEETING");
		transition.put("reason", "En anden kollega flyttede sagen.");
		assertThat(api().as("sekretariat")
			.header("If-Match", current.header("ETag").orElseThrow())
			.post("/api/cases/" + this.caseId + "/transitions", transition)
			.status()).isEqualTo(200);

		submit(browser, "form-status");
		WebElement conflict = browser.waitFor(By.cssSelector("div.alert[aria-labelledby='formularbesked']"));
		assertThat(conflict.getText()).contains("Sagen er ændret af en anden").contains("status er Afventer møde");
		assertThat(browser.text(By.id("nuvaerende-status"))).contains("Afventer møde");
		assertThat(browser.driver().findElement(By.id("status-reason")).getDomProperty("value"))
			.isEqualTo("Til mødet, skrevet før den anden ændring.");
		assertNoViolations(browser);
		browser.screenshot("sag-konflikt");
		assertThat(api().as("sekretariat").get("/api/cases/" + this.caseId + "/history").body())
			.doesNotContain("Til mødet, skrevet før den anden ændring.");
	}

	@Test
	@Order(6)
	void theSubmitFormCanBeFilledInWithTheKeyboardAlone() {
		Browser browser = browser().loginAs("sof");
		browser.open("/bekymringer/ny");
		browser.waitFor(By.id("referral-form"));
		Actions keys = new Actions(browser.driver());
		List<String> visited = new ArrayList<>();
		String kbhCpr = FakeCpr.next();
		// Tab from the top of the page through the form, typing where a field takes text
		browser.driver().findElement(By.tagName("body")).click();
		for (int i = 0; i < 40 && !visited.contains("submit"); i++) {
			keys.sendKeys(Keys.TAB).perform();
			WebElement active = browser.driver().switchTo().activeElement();
			String id = active.getDomAttribute("id");
			if ("submit".equals(active.getDomAttribute("type"))
					&& active.findElements(By.xpath("ancestor::form[@id='referral-form']")).size() == 1) {
				visited.add("submit");
				break;
			}
			if (id == null) {
				continue;
			}
			visited.add(id);
			switch (id) {
				case "cpr" -> keys.sendKeys(kbhCpr).perform();
				case "name" -> keys.sendKeys("Fiktiv Tastatur").perform();
				case "concern" -> keys.sendKeys("Bekymring indtastet kun med tastaturet.").perform();
				default -> {
					if (id.startsWith("category-") || id.startsWith("legalBasis-")) {
						keys.sendKeys(Keys.SPACE).perform();
					}
				}
			}
		}
		assertThat(visited).containsSubsequence("unit", "cpr", "name", "address", "concern", "submit");
		assertThat(visited).anyMatch((id) -> id.startsWith("category-")).anyMatch((id) -> id.startsWith("legalBasis-"));
		keys.sendKeys(Keys.ENTER).perform();
		browser.waitForPath("/bekymringer/");
		assertThat(browser.title()).isEqualTo("Kvittering – Koordineringsenheden");
	}

	/** The text of the page's section headed by the heading with this id. */
	private static String section(Browser browser, String headingId) {
		return browser.text(By.cssSelector("section[aria-labelledby='" + headingId + "']"));
	}

	private static void assertNoViolations(Browser browser) {
		assertThat(browser.accessibilityViolations()).as("axe-core on " + browser.driver().getCurrentUrl()).isEmpty();
	}

	private static void type(Browser browser, String id, String text) {
		WebElement field = browser.driver().findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
		field.sendKeys(Keys.TAB);
	}

	/** Opens the {@code <details>} a form sits in, as a user clicks its summary. */
	private static void open(Browser browser, String formId) {
		WebElement form = browser.driver().findElement(By.id(formId));
		List<WebElement> details = form.findElements(By.xpath("ancestor::details[1]"));
		if (!details.isEmpty() && details.get(0).getDomAttribute("open") == null) {
			details.get(0).findElement(By.tagName("summary")).click();
		}
	}

	private static void submit(Browser browser, String formId) {
		browser.driver().findElement(By.cssSelector("#" + formId + " button[type='submit']")).click();
	}

}
