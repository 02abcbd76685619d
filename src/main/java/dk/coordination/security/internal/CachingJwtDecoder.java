package dk.coordination.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the bearer tokens Boot's decoder has verified (signature, issuer, audience,
 * times) until they expire, so a client that sends the same token with every request pays
 * for the RSA signature check once instead of on each request: the benchmark found that
 * check to be a tenth of a case read's CPU (docs/performance.md). This changes nothing a
 * token may do: a JWT is trusted until its {@code exp} whether it is verified once or a
 * thousand times, and Keycloak's revocation does not reach a resource server that does
 * not introspect. Tokens that fail are not remembered, so each failure is checked and
 * answered as before.
 */
final class CachingJwtDecoder implements JwtDecoder {

	/**
	 * Enough for every user of a large unit holding a token at once; each entry is the
	 * token and its claims, a few kilobytes.
	 */
	static final int MAXIMUM_TOKENS = 1_000;

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAXIMUM_TOKENS)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt remembered = this.verified.getIfPresent(token);
		// the cache's own expiry runs on its clock; this check is the one that counts
		if (remembered != null && remembered.getExpiresAt().isAfter(this.clock.instant())) {
			return remembered;
		}
		Jwt jwt = this.delegate.decode(token);
		// a token without exp is taken (Boot's validators allow it) but not remembered
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(this.clock.instant())) {
			this.verified.put(token, jwt);
		}
		return jwt;
	}

	private Duration untilExpiry(Jwt jwt) {
		Duration left = Duration.between(this.clock.instant(), jwt.getExpiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Wraps the decoder Boot configures from
	 * {@code spring.security.oauth2.resourceserver} rather than replacing it, so the
	 * issuer, audience and key settings stay Boot's.
	 */
	static BeanPostProcessor wrapping(Supplier<Clock> clock) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder))
						? new CachingJwtDecoder(decoder, clock.get()) : bean;
			}
		};
	}

}
