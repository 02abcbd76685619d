package dk.coordination.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakJwtAuthenticationConverterTests {

	private final KeycloakJwtAuthenticationConverter converter = new KeycloakJwtAuthenticationConverter();

	@Test
	void mapsKnownRealmRolesAndDropsKeycloakDefaults() {
		AbstractAuthenticationToken token = this.converter.convert(jwt(Map.of("realm_access",
				Map.of("roles", List.of("liaison", "secretariat-staff", "offline_access", "uma_authorization")))));
		assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_liaison", "ROLE_secretariat-staff");
		assertThat(token.getName()).isEqualTo("politi");
	}

	@Test
	void aTokenWithoutRealmRolesHasNoAuthorities() {
		assertThat(this.converter.convert(jwt(Map.of())).getAuthorities()).isEmpty();
		assertThat(this.converter.convert(jwt(Map.of("realm_access", "garbage"))).getAuthorities()).isEmpty();
	}

	@Test
	void currentUserComesFromTheToken() {
		SecurityContextHolder.getContext()
			.setAuthentication(this.converter.convert(
					jwt(Map.of("realm_access", Map.of("roles", List.of("liaison")), "organisation", "KBH-POLITI"))));
		try {
			assertThat(CurrentUser.current()).contains(new CurrentUser("politi", "KBH-POLITI", Set.of(Role.LIAISON)));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(CurrentUser.current()).isEmpty();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("3f0c")
			.claim("preferred_username", "politi")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		claims.forEach(builder::claim);
		return builder.build();
	}

}
