package dk.coordination.security.internal;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service without a token issuer does not start, and says what to set.
 */
class IssuerUriRequiredTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(IssuerUriRequired.class);

	@Test
	void withoutAnIssuerTheServiceRefusesToStart() {
		this.contexts.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessage("No token issuer is configured: set COORDINATION_ISSUER_URI to the Keycloak realm that "
						+ "issues the service's tokens, e.g. https://login.example.dk/realms/coordination "
						+ "(spring.security.oauth2.resourceserver.jwt.issuer-uri). The local run and the tests set "
						+ "it themselves.");
		});
	}

	@Test
	void theProductionSettingsHaveNoIssuerOfTheirOwn() throws IOException {
		PropertySource<?> production = new YamlPropertySourceLoader()
			.load("application.yml", new ClassPathResource("application.yml"))
			.get(0);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(production);
		assertThat(environment.getProperty(IssuerUriRequired.PROPERTY)).as("no localhost default").isEmpty();

		this.contexts.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(production))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageStartingWith("No token issuer is configured: set COORDINATION_ISSUER_URI");
			});
	}

	@Test
	void theTokenDecoderChecksTooForTheProductionJarWhoseBeanFactoryWasPreparedAtBuildTime() {
		// Spring AOT runs no bean factory post-processor at start, so the decoder checks
		OAuth2ResourceServerProperties withoutIssuer = new OAuth2ResourceServerProperties();

		assertThatThrownBy(() -> new TokenDecoderConfiguration().jwtDecoder(withoutIssuer,
				new TokenKeysProperties(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofSeconds(2))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("No token issuer is configured: set COORDINATION_ISSUER_URI");
	}

	@Test
	void withAnIssuerItStarts() {
		this.contexts.withPropertyValues(IssuerUriRequired.PROPERTY + "=https://login.example.dk/realms/coordination")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
