package dk.coordination.security.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dk.coordination.security.Role;

/**
 * The service's own Keycloak adapter: maps the realm roles in {@code realm_access.roles}
 * to {@code ROLE_*} authorities and names the principal after {@code preferred_username}.
 * Roles this service does not know (Keycloak's defaults such as {@code offline_access})
 * are dropped, so no authority exists that no rule refers to.
 */
final class KeycloakJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	static final String USERNAME_CLAIM = "preferred_username";

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String username = jwt.getClaimAsString(USERNAME_CLAIM);
		return new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()),
				(username != null) ? username : jwt.getSubject());
	}

	/**
	 * The authorities of a token's claims; an access token and the web login's ID token
	 * carry the realm roles the same way.
	 */
	static Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
		Object realmAccess = claims.get("realm_access");
		if (!(realmAccess instanceof Map<?, ?> access) || !(access.get("roles") instanceof Collection<?> roles)) {
			return List.of();
		}
		return roles.stream()
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.flatMap((name) -> Role.fromRealmRole(name).stream())
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(role.authority()))
			.toList();
	}

}
