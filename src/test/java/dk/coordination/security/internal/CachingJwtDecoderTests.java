package dk.coordination.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

	private final MovableClock clock = new MovableClock();

	private final AtomicInteger verifications = new AtomicInteger();

	/** Boot's decoder stands in: verifies "good-*" tokens, refuses the rest. */
	private final JwtDecoder boot = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		Instant expires = token.endsWith("no-exp") ? null : NOW.plusSeconds(300);
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("politi")
			.issuedAt(NOW)
			.expiresAt(expires)
			.build();
	};

	private final CachingJwtDecoder decoder = new CachingJwtDecoder(this.boot, this.clock);

	@Test
	void aTokenIsVerifiedOnceWhileItIsValid() {
		Jwt first = this.decoder.decode("good-1");
		Jwt again = this.decoder.decode("good-1");
		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		this.decoder.decode("good-2");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void anExpiredTokenGoesBackToTheDecoder() {
		this.decoder.decode("good-1");
		this.clock.now = NOW.plusSeconds(300);
		this.decoder.decode("good-1");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRefusedTokenIsRefusedEveryTime() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged"))
			.withMessage("bad signature");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged"))
			.withMessage("bad signature");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aTokenWithoutExpiryIsNotRemembered() {
		this.decoder.decode("good-no-exp");
		this.decoder.decode("good-no-exp");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void wrapsOnlyDecoders() {
		Object wrapped = CachingJwtDecoder.wrapping(() -> this.clock)
			.postProcessAfterInitialization(this.boot, "jwtDecoder");
		assertThat(wrapped).isInstanceOf(CachingJwtDecoder.class);
		assertThat(CachingJwtDecoder.wrapping(() -> this.clock).postProcessAfterInitialization(wrapped, "jwtDecoder"))
			.isSameAs(wrapped);
		Object other = new Object();
		assertThat(CachingJwtDecoder.wrapping(() -> this.clock).postProcessAfterInitialization(other, "other"))
			.isSameAs(other);
	}

	private static final class MovableClock extends Clock {

		private Instant now = NOW;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
