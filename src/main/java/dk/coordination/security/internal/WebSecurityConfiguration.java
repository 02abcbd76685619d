package dk.coordination.security.internal;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.http.HttpStatus;

import dk.coordination.security.Role;

/**
 * HTTP security of the web pages: Keycloak login with the confidential client
 * {@code coordination-web} (authorization code with PKCE S256, which Spring Security 7
 * sends for confidential clients too and Keycloak requires of this client), a server-side
 * session (Spring Session JDBC, so any instance serves any user) that holds the ID token
 * and never hands a token to the browser, CSRF on every form, and a logout that also ends
 * the Keycloak session. The API keeps its own stateless chain
 * ({@link SecurityConfiguration}), which is consulted first for {@code /api/**}.
 * <p>
 * The provider's endpoints are derived from the issuer instead of fetched from its
 * discovery document, so the service starts while Keycloak is down (tokens already issued
 * keep working; a new login finds a page that says Keycloak cannot be reached,
 * {@link LoginAvailability}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
class WebSecurityConfiguration {

	/** The registration id; it appears in the redirect URI Keycloak is told about. */
	static final String REGISTRATION_ID = "keycloak";

	static final String LOGGED_OUT_PAGE = "/logget-ud";

	private static final String[] CASE_ROLES = SecurityConfiguration.realmRoles(Role.SECRETARIAT_STAFF, Role.LIAISON,
			Role.CASEWORKER);

	@Bean
	@Order(2)
	SecurityFilterChain webSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) throws Exception {
		OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		logoutSuccess.setPostLogoutRedirectUri("{baseUrl}" + LOGGED_OUT_PAGE);
		LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint(
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
						+ REGISTRATION_ID);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.GET, "/assets/**", "/favicon.ico", LOGGED_OUT_PAGE, LoginAvailability.PAGE)
			.permitAll()
			.requestMatchers(HttpMethod.HEAD, "/assets/**")
			.permitAll()
			.requestMatchers("/error")
			.permitAll()
			.requestMatchers("/sager", "/sager/**", "/bekymringer", "/bekymringer/**", "/moeder", "/moeder/**")
			.hasAnyRole(CASE_ROLES)
			.requestMatchers("/administration", "/administration/**")
			.hasRole(Role.ADMIN.realmRole())
			.requestMatchers("/tilsyn", "/tilsyn/**")
			.hasRole(Role.AUDITOR.realmRole())
			.requestMatchers("/statistik", "/statistik/**", "/statistik.csv", "/statistik.pdf")
			.hasAnyRole(Role.SECRETARIAT_STAFF.realmRole(), Role.ADMIN.realmRole())
			.anyRequest()
			.authenticated())
			.oauth2Login(
					(login) -> login.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(keycloakOidcUserService()))
						.failureUrl(LOGGED_OUT_PAGE + "?fejl"))
			.addFilterBefore(new LoginAvailability(
					OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
							+ REGISTRATION_ID,
					issuer), OAuth2AuthorizationRequestRedirectFilter.class)
			.oauth2Client((client) -> client.authorizedClientRepository(authorizedClients()))
			.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess))
			.exceptionHandling((exceptions) -> exceptions
				// htmx follows a redirect inside the page; a 401 lets the page's script
				// send the whole window to the login instead
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						new RequestHeaderRequestMatcher("HX-Request", "true"))
				.defaultAuthenticationEntryPointFor(toLogin, (request) -> true));
		return http.build();
	}

	/**
	 * The authorized client (with its access and refresh token) lives in the session, in
	 * the database, not in one instance's memory.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	@Bean
	ClientRegistrationRepository clientRegistrations(LoginProperties login,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer, Environment environment) {
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		String endpoints = base + "/protocol/openid-connect";
		ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(login.clientId())
			.clientSecret(login.checkedSecret(environment.matchesProfiles(LoginProperties.DEVELOPMENT_PROFILE)))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile")
			.clientName("Keycloak")
			.issuerUri(base)
			.authorizationUri(endpoints + "/auth")
			.tokenUri(endpoints + "/token")
			.jwkSetUri(endpoints + "/certs")
			.userNameAttributeName(KeycloakJwtAuthenticationConverter.USERNAME_CLAIM)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", endpoints + "/logout"))
			.build();
		return new InMemoryClientRegistrationRepository(keycloak);
	}

	/**
	 * The logged-in user with the same authorities a bearer token of the same user gets:
	 * the realm roles Keycloak puts in the ID token ({@code realm_access.roles}), mapped
	 * by the one adapter. No user-info call: the ID token carries all the service needs.
	 */
	static OAuth2UserService<OidcUserRequest, OidcUser> keycloakOidcUserService() {
		OidcUserService standard = new OidcUserService();
		return (request) -> {
			OidcUser user = standard.loadUser(request);
			Set<GrantedAuthority> authorities = Set
				.copyOf(KeycloakJwtAuthenticationConverter.authorities(user.getIdToken().getClaims()));
			return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
					KeycloakJwtAuthenticationConverter.USERNAME_CLAIM);
		};
	}

}
