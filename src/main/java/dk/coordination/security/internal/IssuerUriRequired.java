package dk.coordination.security.internal;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Refuses to start without the token issuer. There is no default: a default pointing at a
 * developer's Keycloak (localhost) would let a production service start and then trust
 * whatever answers on that address, or reject every token with a puzzling 401. Runs
 * before any bean is created, so this is the first and only error a missing issuer gives;
 * without it the failure would be Spring Security's "no JwtDecoder bean".
 */
@Component
class IssuerUriRequired implements BeanFactoryPostProcessor, EnvironmentAware {

	static final String PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(this.environment.getProperty(PROPERTY));
	}

	/**
	 * The check itself, also made where the token decoder is created: the production
	 * jar's bean factory is prepared at build time (Spring AOT), so this post-processor
	 * does not run when it starts.
	 * @param issuer the configured issuer
	 * @return the issuer
	 */
	static String check(String issuer) {
		if (!StringUtils.hasText(issuer)) {
			throw new IllegalStateException("No token issuer is configured: set COORDINATION_ISSUER_URI to the "
					+ "Keycloak realm that issues the service's tokens, e.g. "
					+ "https://login.example.dk/realms/coordination (" + PROPERTY + "). "
					+ "The local run and the tests set it themselves.");
		}
		return issuer;
	}

}
