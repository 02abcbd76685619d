package dk.coordination.security.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The bearer-token decoder, in place of the one Boot derives from the issuer. Boot's asks
 * Keycloak's discovery document for the key set's address at the first token and keeps
 * the keys five minutes, so a Keycloak outage longer than that rejects every token that
 * was not seen before, although Keycloak signed it with a key the service already had.
 * This one knows Keycloak's key set address from the issuer (as the login does,
 * {@link WebSecurityConfiguration}), fetches it with timeouts, and keeps using the last
 * key set it got while Keycloak cannot be reached ({@link TokenKeysProperties}). A token
 * signed with a key the service has never seen still needs Keycloak. The checks are
 * Boot's: signature (RS256, Keycloak's default), times, issuer, and the audiences of
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenKeysProperties.class)
class TokenDecoderConfiguration {

	/** The largest key set accepted, as Nimbus's default. */
	private static final int KEY_SET_SIZE_LIMIT = 50 * 1024;

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, TokenKeysProperties keys)
			throws MalformedURLException {
		OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
		IssuerUriRequired.check(jwt.getIssuerUri());
		int timeout = Math.toIntExact(keys.timeout().toMillis());
		JWKSource<SecurityContext> keySet = JWKSourceBuilder
			.<SecurityContext>create(URI.create(keySetUri(jwt)).toURL(),
					new DefaultResourceRetriever(timeout, timeout, KEY_SET_SIZE_LIMIT))
			.cache(keys.cacheTimeToLive().toMillis(), timeout)
			// fetched when the cache has run out, on a request, as Spring Security does;
			// no background thread
			.refreshAheadCache(false)
			// a token with an unknown key id makes the service fetch the key set again;
			// at
			// most every 30 s (Nimbus's default), which must stay below the cache's life
			.rateLimited(
					Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, keys.cacheTimeToLive().toMillis() / 2))
			.outageTolerant(keys.outageTolerance().toMillis())
			.build();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keySet)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(JwtValidators.createDefaultWithIssuer(jwt.getIssuerUri()));
		if (!jwt.getAudiences().isEmpty()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(audiences) -> audiences != null && audiences.stream().anyMatch(jwt.getAudiences()::contains)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	/** Keycloak's key set of the realm, unless an address is configured. */
	static String keySetUri(OAuth2ResourceServerProperties.Jwt jwt) {
		if (StringUtils.hasText(jwt.getJwkSetUri())) {
			return jwt.getJwkSetUri();
		}
		String issuer = jwt.getIssuerUri();
		return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
				+ "/protocol/openid-connect/certs";
	}

}
