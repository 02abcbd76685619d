/**
 * How the API answers errors: one {@code @RestControllerAdvice} turns every exception
 * into an RFC 9457 {@code application/problem+json} response, with the fields at fault
 * for validation errors, and never lets bad input become a 500. Other modules signal
 * rejected input with {@link dk.coordination.web.InvalidFieldException} or Spring's
 * {@code ErrorResponseException}.
 * <p>
 * Also serves the front-end assets the pages share (DKFDS, htmx) under
 * {@code /assets/**}, see {@code internal.AssetsConfiguration}.
 * <p>
 * Uses no other module; every module that takes requests may use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web API conventions",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dk.coordination.web;
