package dk.coordination.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller: user name and organisation from the token, never from a
 * request body.
 *
 * @param username Keycloak's {@code preferred_username}
 * @param organisation organisation code from the token's {@code organisation} claim, or
 * {@code null} when the user has none (such a user can do nothing that needs an
 * organisation)
 * @param roles realm roles this service knows
 */
public record CurrentUser(String username, String organisation, Set<Role> roles) {

	/**
	 * Claim carrying the user's organisation code (a user attribute mapped by Keycloak).
	 */
	public static final String ORGANISATION_CLAIM = "organisation";

	/**
	 * Changes made outside a request (start-up data, scheduled jobs) are attributed to
	 * this user.
	 */
	public static final CurrentUser SYSTEM = new CurrentUser("system", null, Set.of());

	public CurrentUser {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	public boolean hasAnyRole(Role... candidates) {
		for (Role role : candidates) {
			if (hasRole(role)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Staff who work on cases for their organisation: one of the roles secretariat-staff,
	 * liaison, caseworker, and an organisation to act for. Everything about cases,
	 * referrals, tasks and meetings is for them only.
	 */
	public boolean worksOnCases() {
		return this.organisation != null && hasAnyRole(Role.SECRETARIAT_STAFF, Role.LIAISON, Role.CASEWORKER);
	}

	public boolean belongsTo(String organisationCode) {
		return this.organisation != null && this.organisation.equals(organisationCode);
	}

	/**
	 * The caller of the current request, if it carries a valid token or belongs to a
	 * logged-in web session.
	 */
	public static Optional<CurrentUser> current() {
		return from(SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * The caller of the current request; fails when called outside an authenticated
	 * request.
	 */
	public static CurrentUser required() {
		return current().orElseThrow(() -> new IllegalStateException("No authenticated user in this context"));
	}

	/**
	 * The caller of an API request (a bearer token) or of a page (a web login, whose ID
	 * token carries the same claims); nobody for anything else.
	 */
	static Optional<CurrentUser> from(Authentication authentication) {
		Map<String, Object> claims;
		if (authentication instanceof JwtAuthenticationToken token) {
			claims = token.getToken().getClaims();
		}
		else if (authentication instanceof OAuth2AuthenticationToken login
				&& login.getPrincipal() instanceof OidcUser user) {
			claims = user.getClaims();
		}
		else {
			return Optional.empty();
		}
		Object organisation = claims.get(ORGANISATION_CLAIM);
		return Optional.of(new CurrentUser(authentication.getName(),
				(organisation instanceof String code) ? code : null, rolesOf(authentication.getAuthorities())));
	}

	private static Set<Role> rolesOf(Collection<? extends GrantedAuthority> authorities) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		authorities.forEach((authority) -> Role.fromAuthority(authority.getAuthority()).ifPresent(roles::add));
		return roles;
	}

}
