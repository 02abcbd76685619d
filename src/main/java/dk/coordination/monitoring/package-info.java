/**
 * What operations watch besides Spring Boot's own metrics (requests per endpoint, the
 * database pool, the JVM): counters of the unit's work, kept from the events of
 * {@code casework}, published on {@code /actuator/prometheus} for the realm role
 * {@code monitoring} only (docs/operations.md lists what to watch).
 * <p>
 * Counts, never names: a counter's tags are a unit code, a status or a category, nothing
 * that points to a person. Offers nothing to other modules; {@code meeting} counts the
 * mails it could not send itself, since only it knows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package dk.coordination.monitoring;
