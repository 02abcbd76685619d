package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for testing the web pages over real HTTP: it logs in
 * through Keycloak's real login form (authorization code with PKCE, as the service asks
 * for it), keeps the cookies, follows redirects, and sends forms with the CSRF token of
 * the page it saw last. Cheaper than Chromium, so page tests use it and the browser tests
 * ({@code *BrowserTests}) keep to the stories.
 */
public final class WebSession {

	private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final String baseUrl;

	private final LocalCookies cookies = new LocalCookies();

	private final HttpClient http;

	private String csrfToken;

	private final List<URI> visited = new ArrayList<>();

	private WebSession(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** A session that has not logged in. */
	public static WebSession anonymous(int port) {
		return new WebSession("http://localhost:" + port);
	}

	/**
	 * Logs in as a demo user through Keycloak's login page and lands on the start page.
	 */
	public static WebSession loggedIn(int port, String username) {
		WebSession session = anonymous(port);
		Page landing = session.login(username, KeycloakServer.DEMO_PASSWORD);
		if (landing.status() != 200 || !landing.uri().getPath().equals("/")) {
			throw new IllegalStateException(
					"Login as " + username + " ended at " + landing.status() + " " + landing.uri() + ": "
							+ landing.html()
								.replaceAll("(?s)<head>.*</head>", "")
								.replaceAll("(?s)<script.*?</script>", "")
								.replaceAll("<[^>]+>", " ")
								.replaceAll("\\s+", " "));
		}
		return session;
	}

	/**
	 * Opens the start page, which sends the browser to Keycloak, fills in the login form
	 * and follows the way back.
	 * @return the page the login ended on
	 */
	public Page login(String username, String password) {
		Page loginPage = get("/");
		Matcher form = LOGIN_FORM.matcher(loginPage.html());
		if (!form.find()) {
			throw new IllegalStateException("No Keycloak login form at " + loginPage);
		}
		String action = form.group(1).replace("&amp;", "&");
		return send(post(URI.create(action), Map.of("username", username, "password", password, "credentialId", "")));
	}

	/** GET of a path of the service (or a full URL), following redirects. */
	public Page get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET().build());
	}

	/**
	 * POST of a form to a path of the service with the CSRF token of the last page seen,
	 * following redirects (the pages answer a successful form with a redirect).
	 */
	public Page submit(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			withToken.putIfAbsent("_csrf", this.csrfToken);
		}
		return send(post(uri(path), withToken));
	}

	/** POST of a form exactly as given: no CSRF token added. */
	public Page submitWithoutToken(String path, Map<String, String> fields) {
		return send(post(uri(path), fields));
	}

	/**
	 * Every address this session requested, redirects included, in order: what a
	 * browser's history and the servers' access logs would hold.
	 */
	public List<URI> visited() {
		return List.copyOf(this.visited);
	}

	/** The value of a cookie this session holds for the service, if any. */
	public Optional<String> cookie(String name) {
		return this.cookies.valueOf(URI.create(this.baseUrl), name);
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	private static HttpRequest post(URI uri, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private Page send(HttpRequest request) {
		HttpRequest next = request;
		for (int hops = 0; hops < 10; hops++) {
			HttpResponse<String> response = exchange(next);
			Optional<String> location = response.headers().firstValue("Location");
			if (response.statusCode() / 100 == 3 && location.isPresent()) {
				next = HttpRequest.newBuilder(next.uri().resolve(location.get()))
					.header("Accept", "text/html")
					.GET()
					.build();
				continue;
			}
			Page page = new Page(response.statusCode(), response.uri(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
			rememberToken(page);
			return page;
		}
		throw new IllegalStateException("More than 10 redirects from " + request.uri());
	}

	private void rememberToken(Page page) {
		for (Pattern pattern : List.of(CSRF_META, CSRF_INPUT)) {
			Matcher token = pattern.matcher(page.html());
			if (token.find()) {
				this.csrfToken = token.group(1);
				return;
			}
		}
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		this.visited.add(request.uri());
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The cookie jar of a browser on this machine: like a browser, it sends cookies
	 * marked {@code Secure} to {@code http://localhost} (a secure context), which Java's
	 * {@code CookieManager} does not, so Keycloak's login cookies would get lost.
	 */
	private static final class LocalCookies extends CookieHandler {

		private final Map<String, HttpCookie> jar = new LinkedHashMap<>();

		@Override
		public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
			String path = (uri.getPath() == null || uri.getPath().isEmpty()) ? "/" : uri.getPath();
			String header = this.jar.values()
				.stream()
				.filter((cookie) -> cookie.getDomain().equalsIgnoreCase(uri.getHost()))
				.filter((cookie) -> path.startsWith(cookie.getPath()))
				.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
				.collect(Collectors.joining("; "));
			return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
		}

		@Override
		public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
			responseHeaders.forEach((name, values) -> {
				if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
					values.forEach((value) -> HttpCookie.parse(value).forEach((cookie) -> store(uri, cookie)));
				}
			});
		}

		private void store(URI uri, HttpCookie cookie) {
			cookie.setDomain(uri.getHost());
			if (cookie.getPath() == null) {
				cookie.setPath("/");
			}
			String key = uri.getHost() + " " + cookie.getPath() + " " + cookie.getName();
			if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
				this.jar.remove(key);
			}
			else {
				this.jar.put(key, cookie);
			}
		}

		synchronized Optional<String> valueOf(URI uri, String name) {
			return this.jar.values()
				.stream()
				.filter((cookie) -> cookie.getDomain().equalsIgnoreCase(uri.getHost()) && cookie.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst();
		}

	}

	/**
	 * A page as the browser got it, after redirects.
	 *
	 * @param status the final status
	 * @param uri where the redirects ended
	 * @param html the body
	 * @param contentType the final Content-Type
	 */
	public record Page(int status, URI uri, String html, String contentType) {

		/** The text of the page's {@code <title>}. */
		public String title() {
			Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(this.html);
			return title.find() ? title.group(1).strip() : "";
		}

		@Override
		public String toString() {
			return this.status + " " + this.uri + " " + this.contentType + "\n"
					+ this.html.substring(0, Math.min(this.html.length(), 2000));
		}

	}

}
