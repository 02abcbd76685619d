package dk.coordination.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.webjars.WebJarVersionLocator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Serves the front-end packages from the jar under {@code /assets/**}: DKFDS (copied from
 * npm's {@code node_modules/dkfds/dist} by the build) and htmx (its webjar).
 * <p>
 * Pages link the unversioned path, e.g. {@code @{/assets/dkfds/css/dkfds.min.css}};
 * {@link ResourceUrlEncodingFilter} turns it into
 * {@code /assets/dkfds/11.2.0/css/dkfds.min.css}. A versioned URL never changes its
 * content (an upgrade changes the URL), so it is cached for a year as immutable. The
 * version is a directory, not part of the file name, so DKFDS's own relative
 * {@code url(../fonts/…)} stay inside the versioned tree without rewriting the css. The
 * unversioned path is still answered, but must be revalidated.
 */
@Configuration(proxyBeanMethods = false)
class AssetsConfiguration implements WebMvcConfigurer {

	static final String DKFDS_PATH = "/assets/dkfds/";

	static final String HTMX_PATH = "/assets/htmx/";

	private static final String DKFDS_LOCATION = "classpath:/static/assets/dkfds/";

	/** Written by the build beside the assets; see pom.xml. */
	private static final String DKFDS_PACKAGE = "frontend/dkfds/package.json";

	static final CacheControl VERSIONED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	static final CacheControl UNVERSIONED = CacheControl.noCache();

	private final String dkfdsVersion = dkfdsVersion();

	private final String htmxVersion = htmxVersion();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		String htmxLocation = "classpath:/META-INF/resources/webjars/htmx.org/" + this.htmxVersion + "/dist/";
		addVersioned(registry, DKFDS_PATH, this.dkfdsVersion, DKFDS_LOCATION);
		addVersioned(registry, HTMX_PATH, this.htmxVersion, htmxLocation);
	}

	/**
	 * Two handlers on one location: the more specific versioned pattern wins for
	 * versioned requests and carries the long cache; the unversioned one is what
	 * {@code ResourceUrlProvider} consults to add the version to a page's link (its
	 * fixed-version resolver inserts {@code version/}).
	 */
	private static void addVersioned(ResourceHandlerRegistry registry, String path, String version, String location) {
		registry.addResourceHandler(path + version + "/**").addResourceLocations(location).setCacheControl(VERSIONED);
		registry.addResourceHandler(path + "**")
			.addResourceLocations(location)
			.setCacheControl(UNVERSIONED)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addFixedVersionStrategy(version, "/**"));
	}

	/**
	 * Rewrites the asset links pages write ({@code response.encodeURL}, which Thymeleaf's
	 * {@code @{…}} calls) to their versioned form. Declared here rather than left to
	 * Thymeleaf's auto-configuration, which registers it only under conditions; that one
	 * backs off when this bean exists.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.addUrlPatterns("/*");
		return registration;
	}

	String dkfdsVersionInUse() {
		return this.dkfdsVersion;
	}

	String htmxVersionInUse() {
		return this.htmxVersion;
	}

	private static String dkfdsVersion() {
		ClassPathResource packageJson = new ClassPathResource(DKFDS_PACKAGE);
		if (!packageJson.exists()) {
			// without it the pages would render unstyled; say how to get it instead
			throw new IllegalStateException("DKFDS is missing from the classpath (" + DKFDS_PACKAGE
					+ "). Build with ./mvnw, which runs npm ci in src/main/frontend and copies DKFDS into the jar.");
		}
		try (InputStream in = packageJson.getInputStream()) {
			String version = JsonMapper.builder().build().readTree(in).path("version").asString("");
			if (version.isBlank()) {
				throw new IllegalStateException(DKFDS_PACKAGE + " names no version");
			}
			return version;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String htmxVersion() {
		String version = new WebJarVersionLocator().version("htmx.org");
		if (version == null) {
			throw new IllegalStateException("The htmx webjar (org.webjars.npm:htmx.org) is not on the classpath");
		}
		return version;
	}

}
