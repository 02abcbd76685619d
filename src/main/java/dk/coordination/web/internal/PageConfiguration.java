package dk.coordination.web.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

import dk.coordination.web.DanishFormat;

/**
 * What every page shares: Danish texts, one locale, and the session's timing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PageConfiguration.SessionTiming.class)
class PageConfiguration {

	/** The pages are in Danish only; dates and numbers are written the Danish way. */
	static final Locale DANISH = DanishFormat.LOCALE;

	/**
	 * The texts of the pages: every {@code i18n/*_da.properties} on the classpath, so
	 * each module keeps its pages' texts beside its templates ({@code i18n/casework_da},
	 * {@code i18n/web_da}, ...) without a central list to edit.
	 */
	@Bean
	MessageSource messageSource() {
		TreeSet<String> basenames = new TreeSet<>();
		try {
			for (Resource bundle : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:i18n/*_da.properties")) {
				String name = bundle.getFilename();
				basenames.add("classpath:i18n/" + name.substring(0, name.length() - "_da.properties".length()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The pages' texts (i18n/*_da.properties) cannot be listed", ex);
		}
		ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
		messages.setBasenames(basenames.toArray(String[]::new));
		messages.setDefaultEncoding("UTF-8");
		messages.setDefaultLocale(DANISH);
		messages.setFallbackToSystemLocale(false);
		// not setUseCodeAsDefaultMessage: Spring MVC asks this source for problem details
		// ("problemDetail.*") and must get its own default back, not the code
		return messages;
	}

	/**
	 * Danish for the pages; the API keeps answering in English (its problem details and
	 * validation messages are part of its contract), whatever the client's
	 * Accept-Language.
	 */
	@Bean
	LocaleResolver localeResolver() {
		FixedLocaleResolver danish = new FixedLocaleResolver(DANISH);
		FixedLocaleResolver english = new FixedLocaleResolver(Locale.ENGLISH);
		return new LocaleResolver() {

			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				return (path.startsWith("/api/") ? english : danish).resolveLocale(request);
			}

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				throw new UnsupportedOperationException("The locale is fixed: Danish pages, an English API");
			}

		};
	}

	/**
	 * @param sessionTimeout how long a web session lasts without a request (also given to
	 * Spring Session)
	 * @param sessionWarning how long before that the page warns and offers to stay logged
	 * in
	 */
	@ConfigurationProperties("coordination.web")
	record SessionTiming(Duration sessionTimeout, Duration sessionWarning) {

		SessionTiming {
			if (sessionTimeout == null || sessionWarning == null || !sessionWarning.isPositive()
					|| sessionWarning.compareTo(sessionTimeout) >= 0) {
				throw new IllegalStateException("coordination.web.session-warning (" + sessionWarning
						+ ") must be positive and shorter than coordination.web.session-timeout (" + sessionTimeout
						+ ")");
			}
		}

	}

}
