/**
 * How the API answers errors: one {@code @RestControllerAdvice} turns every exception
 * into an RFC 9457 {@code application/problem+json} response, with the fields at fault
 * for validation errors, and never lets bad input become a 500. Other modules signal
 * rejected input with {@link dk.coordination.web.InvalidFieldException} or Spring's
 * {@code ErrorResponseException}. {@link dk.coordination.web.IdempotentRequests} answers
 * a retried POST that carries an {@code Idempotency-Key} with its first answer.
 * <p>
 * Also what the web pages share: the layout and the Danish error pages, texts and dates
 * ({@link dk.coordination.web.DanishFormat}), {@link dk.coordination.web.PageController}
 * for a module's page controllers, the start page that shows the modules'
 * {@link dk.coordination.web.StartPagePanel}s, and the front-end assets (DKFDS, htmx)
 * under {@code /assets/**}, see {@code internal.AssetsConfiguration}.
 * <p>
 * Uses only {@code security} (the logged-in user for the layout); every module that takes
 * requests may use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web API conventions",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dk.coordination.web;
