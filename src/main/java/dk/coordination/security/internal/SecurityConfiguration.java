package dk.coordination.security.internal;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dk.coordination.security.Role;

/**
 * HTTP security of the API (the paths in {@link #API_PATHS}): stateless bearer tokens
 * from Keycloak (issuer and audience checked by Boot's resource-server configuration, see
 * {@code application.yml}), coarse role rules per endpoint here; who may see which case
 * is decided per case by the casework module.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] CASE_ROLES = realmRoles(Role.SECRETARIAT_STAFF, Role.LIAISON, Role.CASEWORKER);

	/**
	 * The paths this chain answers; every other path belongs to the pages' chain
	 * ({@link WebSecurityConfiguration}).
	 */
	static final String[] API_PATHS = { "/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**",
			"/swagger-ui.html" };

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper jsonMapper) throws Exception {
		ProblemResponses problems = new ProblemResponses(jsonMapper);
		BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
		AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
			// keeps the WWW-Authenticate header RFC 6750 asks for, then answers with a
			// problem
			bearerEntryPoint.commence(request, response, exception);
			problems.write(request, response, HttpStatus.UNAUTHORIZED,
					"A valid bearer token from the coordination realm is required.");
		};
		AccessDeniedHandler forbidden = (request, response, exception) -> problems.write(request, response,
				HttpStatus.FORBIDDEN, "Your roles do not allow this request.");
		http.securityMatcher(API_PATHS)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// bearer tokens are not sent automatically by browsers, so CSRF protection
			// has nothing to guard
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.requireExplicitSave(true))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health/**", "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**",
						"/swagger-ui.html")
				.permitAll()
				// request counts per endpoint and unit are not for the public, nor for
				// the
				// unit's own staff: only the monitoring system's service account
				.requestMatchers("/actuator/prometheus")
				.hasRole(Role.MONITORING.realmRole())
				.requestMatchers(HttpMethod.PUT, "/api/units/*/secretariat-model", "/api/units/*/follow-up-default")
				.hasRole(Role.ADMIN.realmRole())
				.requestMatchers("/api/admin/**")
				.hasRole(Role.ADMIN.realmRole())
				.requestMatchers("/api/audit/**")
				.hasRole(Role.AUDITOR.realmRole())
				// answering a person's request for insight is the data-protection
				// function's job, the auditor's; no working role sees across every case
				.requestMatchers("/api/insight", "/api/insight/**")
				.hasRole(Role.AUDITOR.realmRole())
				.requestMatchers("/api/statistics", "/api/statistics/**")
				.hasAnyRole(Role.SECRETARIAT_STAFF.realmRole(), Role.ADMIN.realmRole())
				.requestMatchers("/api/referrals", "/api/referrals/**")
				.hasAnyRole(CASE_ROLES)
				.requestMatchers("/api/cases", "/api/cases/**", "/api/follow-ups", "/api/meetings", "/api/meetings/**")
				.hasAnyRole(CASE_ROLES)
				.requestMatchers("/api/**")
				.authenticated()
				.anyRequest()
				.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new KeycloakJwtAuthenticationConverter()))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
		return http.build();
	}

	/**
	 * Verified bearer tokens are remembered until they expire
	 * ({@link CachingJwtDecoder}), judged by the service's clock. Static, as a
	 * post-processor must be; the clock is looked up only when the decoder is made.
	 */
	@Bean
	static BeanPostProcessor cachingJwtDecoder(ObjectProvider<Clock> clock) {
		return CachingJwtDecoder.wrapping(clock::getObject);
	}

	/**
	 * The firewall's refusals (a {@code //} or an encoded {@code .}, {@code /} or NUL in
	 * the path, an unknown method such as TRACE) as problems; by default they become a
	 * bare {@code sendError(400)}.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(JsonMapper jsonMapper) {
		ProblemResponses problems = new ProblemResponses(jsonMapper);
		return (request, response, exception) -> problems.write(request, response, HttpStatus.BAD_REQUEST,
				"The request's URL, method or headers are not accepted by this service.");
	}

	static String[] realmRoles(Role... roles) {
		String[] names = new String[roles.length];
		for (int i = 0; i < roles.length; i++) {
			names[i] = roles[i].realmRole();
		}
		return names;
	}

}
