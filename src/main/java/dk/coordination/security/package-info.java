/**
 * Who is calling: turns a Keycloak access token into Spring Security authorities and
 * exposes the caller as a {@link dk.coordination.security.CurrentUser} (user name,
 * organisation, roles). This is the project's own small "Keycloak adapter"; Keycloak's
 * Spring adapter is end-of-life. The module also owns the HTTP security rules (stateless
 * bearer tokens, RFC 9457 answers for 401 and 403).
 * <p>
 * Uses no other module. Whether a user acts as secretariat is not a role: it depends on
 * the unit's secretariat model and is decided by the {@code organisation} module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package dk.coordination.security;
