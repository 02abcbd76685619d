package dk.coordination.web.internal;

import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The asset handlers of {@link AssetsConfiguration} in a bare Spring MVC context: no
 * security chain, so these stay true whatever the chain permits; that {@code /assets/**}
 * is public is the security module's test.
 */
@SpringJUnitWebConfig(AssetsConfigurationTests.Context.class)
class AssetsConfigurationTests {

	private static final String A_YEAR_IMMUTABLE = "max-age=31536000, public, immutable";

	@Autowired
	private WebApplicationContext context;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		@SuppressWarnings("unchecked")
		FilterRegistrationBean<ResourceUrlEncodingFilter> encoding = this.context.getBean(FilterRegistrationBean.class);
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).addFilters(encoding.getFilter()).build();
	}

	@Test
	void aPageLinksTheVersionedCssWhichIsCachedForAYear() throws Exception {
		String css = linkOnPage("/assets/dkfds/css/dkfds.min.css");
		assertThat(css).matches("/assets/dkfds/\\d+\\.\\d+\\.\\d+/css/dkfds\\.min\\.css");
		this.mvc.perform(get(css))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/css"))
			.andExpect(header().string("Cache-Control", A_YEAR_IMMUTABLE));
	}

	@Test
	void theFontsAndIconsTheServedCssReferencesAreServedWhereTheBrowserLooks() throws Exception {
		String cssUrl = linkOnPage("/assets/dkfds/css/dkfds.min.css");
		String css = this.mvc.perform(get(cssUrl)).andReturn().getResponse().getContentAsString();
		String font = reference(css, ".woff2");
		String icon = reference(css, ".svg");
		for (String reference : new String[] { font, icon }) {
			// resolved as a browser resolves a relative url() against the stylesheet
			String resolved = URI.create(cssUrl).resolve(reference).getPath();
			assertThat(resolved).startsWith(cssUrl.substring(0, cssUrl.indexOf("/css/")));
			this.mvc.perform(get(resolved))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", A_YEAR_IMMUTABLE));
		}
	}

	@Test
	void theDkfdsScriptIsServed() throws Exception {
		this.mvc.perform(get(linkOnPage("/assets/dkfds/js/dkfds.min.js")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/javascript"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("DKFDS")));
	}

	@Test
	void htmxIsServedFromItsWebjarUnderAStablePath() throws Exception {
		String htmx = linkOnPage("/assets/htmx/htmx.min.js");
		assertThat(htmx).matches("/assets/htmx/2\\.0\\.\\d+/htmx\\.min\\.js");
		this.mvc.perform(get(htmx))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/javascript"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("htmx")))
			.andExpect(header().string("Cache-Control", A_YEAR_IMMUTABLE));
	}

	@Test
	void theUnversionedPathIsAnsweredButMustBeRevalidated() throws Exception {
		// it may change with the next upgrade, so a browser must not keep it for a year
		this.mvc.perform(get("/assets/htmx/htmx.min.js"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-cache"));
		this.mvc.perform(get("/assets/dkfds/css/dkfds.min.css"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-cache"));
	}

	@Test
	void anUnknownAssetIsNotFound() throws Exception {
		this.mvc.perform(get(linkOnPage("/assets/dkfds/css/nothing.css"))).andExpect(status().isNotFound());
		this.mvc.perform(get("/assets/htmx/2.0.0/htmx.min.js")).andExpect(status().isNotFound());
	}

	@Test
	void anythingBesidesDkfdsDistIsNotReachable() throws Exception {
		// the version-reading package.json and the application's own files stay private
		this.mvc.perform(get("/assets/dkfds/../../frontend/dkfds/package.json")).andExpect(status().isNotFound());
		this.mvc.perform(get("/assets/dkfds/%2e%2e/%2e%2e/application.yml")).andExpect(status().isNotFound());
	}

	/** What {@code @{path}} in a page becomes: the link the browser requests. */
	private String linkOnPage(String path) throws Exception {
		return this.mvc.perform(get("/test/link").param("path", path)).andReturn().getResponse().getContentAsString();
	}

	private static String reference(String css, String extension) {
		return DkfdsAssetsTests.relativeReferences(css)
			.stream()
			.filter((reference) -> reference.endsWith(extension))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the css references no " + extension));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(AssetsConfiguration.class)
	static class Context {

		@Bean
		LinkController linkController() {
			return new LinkController();
		}

	}

	/**
	 * Stands in for a template: Thymeleaf's {@code @{…}} calls encodeURL the same way.
	 */
	@RestController
	static class LinkController {

		@GetMapping("/test/link")
		String link(@RequestParam String path, HttpServletResponse response) {
			return response.encodeURL(path);
		}

	}

}
