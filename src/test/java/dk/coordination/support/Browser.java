package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver: the real browser the browser
 * tests log in with (through Keycloak's own login page), check with axe-core and take the
 * screenshots of {@code docs/screenshots/} with.
 * <p>
 * Screenshots go to {@code target/screenshots/}; with {@code -Dupdate-screenshots=true}
 * also to {@code docs/screenshots/}, so an ordinary test run leaves the working tree
 * alone.
 */
public final class Browser implements AutoCloseable {

	/** Debian's Chromium; the performance report takes its pictures with the same one. */
	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** What the issue asks axe to check: WCAG 2.0 and 2.1, levels A and AA. */
	private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	private final String baseUrl;

	private Browser(ChromeDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	/**
	 * Starts Chromium at desktop width for the service on this port.
	 * @throws IllegalStateException when Chromium or ChromeDriver is not installed,
	 * saying how to install them (a missing browser fails the tests, it does not skip
	 * them)
	 */
	public static Browser start(int port) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM
					+ " and " + CHROMEDRIVER + ": sudo apt-get install chromium chromium-driver (.ci/run does this).");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-dev-shm-usage", "--lang=da-DK", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, "http://localhost:" + port);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Opens a path of the service and waits for the page to be loaded. */
	public Browser open(String path) {
		this.driver.get(this.baseUrl + path);
		return this;
	}

	/**
	 * Logs in as a demo user the way a person does: opens the service, is sent to
	 * Keycloak's login page, types name and password and submits. Any earlier login (of
	 * the service or of Keycloak, both on localhost) is forgotten first.
	 */
	public Browser loginAs(String username) {
		// all cookies, also Keycloak's under /realms/...: WebDriver's deleteAllCookies
		// only reaches those of the current page's path, and Keycloak's single sign-on
		// would log the last user in again
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		desktopWidth();
		this.driver.get(this.baseUrl + "/");
		WebElement form = waitFor(By.id("kc-form-login"));
		form.findElement(By.id("username")).sendKeys(username);
		form.findElement(By.id("password")).sendKeys(KeycloakServer.DEMO_PASSWORD);
		form.findElement(By.id("kc-login")).click();
		// back on the service (Spring's request cache may add "?continue")
		waitForPath("/");
		waitFor(By.tagName("h1"));
		return this;
	}

	public WebElement waitFor(By locator) {
		try {
			return new WebDriverWait(this.driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
		}
		catch (TimeoutException ex) {
			throw new AssertionError("No " + locator + " on " + this.driver.getCurrentUrl() + ", which shows: "
					+ this.driver.findElement(By.tagName("body")).getText(), ex);
		}
	}

	/**
	 * Waits until {@code element} is no longer in the document, as when a form's answer
	 * has replaced the page. Selenium's {@code stalenessOf} counts only a stale-element
	 * error as gone; Chromium, asked in the middle of the navigation, may instead answer
	 * that the node "does not belong to the document", which means the same.
	 */
	public void waitUntilGone(WebElement element) {
		new WebDriverWait(this.driver, WAIT).until((driver) -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		});
	}

	/** Waits until the browser has left the current page for one whose path starts so. */
	public void waitForPath(String pathPrefix) {
		new WebDriverWait(this.driver, WAIT)
			.until((driver) -> driver.getCurrentUrl().startsWith(this.baseUrl + pathPrefix));
	}

	public String title() {
		return this.driver.getTitle();
	}

	public String text(By locator) {
		return this.driver.findElement(locator).getText();
	}

	/**
	 * The axe-core rule violations of the page as shown now, WCAG 2.0/2.1 A and AA; empty
	 * is what every page must give. Each violation is described with the elements at
	 * fault, so a failing assertion says what to fix.
	 */
	public List<String> accessibilityViolations() {
		Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(this.driver);
		if (results.isErrored()) {
			throw new IllegalStateException(
					"axe-core failed on " + this.driver.getCurrentUrl() + ": " + results.getErrorMessage());
		}
		return results.getViolations().stream().map(Browser::describe).toList();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes()
					.stream()
					.map((node) -> String.valueOf(node.getTarget()))
					.collect(Collectors.joining(", "));
	}

	/** Saves a screenshot of the whole page, at the window's width, under this name. */
	public Path screenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		long height = ((Number) this.driver.executeScript("return document.documentElement.scrollHeight")).longValue();
		this.driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 6000)));
		try {
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Path target = Path.of("target/screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
			if (Boolean.getBoolean("update-screenshots")) {
				Path docs = Path.of("docs/screenshots", name + ".png");
				Files.createDirectories(docs.getParent());
				Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	/** Sets the window to a phone's width (as an iPhone's 390 CSS pixels). */
	public Browser phoneWidth() {
		this.driver.manage().window().setSize(new Dimension(390, 844));
		return this;
	}

	public Browser desktopWidth() {
		this.driver.manage().window().setSize(new Dimension(1280, 1000));
		return this;
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
