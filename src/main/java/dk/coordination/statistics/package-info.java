/**
 * Statistics for political reporting: per coordination unit and period, how many concerns
 * arrived (by the submitting authority's type and by category), how many cases were
 * opened and closed (by closing reason), how long a concern waited for its first meeting,
 * how many closed cases were reopened and how many reviews were done on time. Only
 * aggregates leave the module, and every count from 1 to 4 is suppressed so that no
 * figure points to a person (see docs/statistics.md).
 * <p>
 * Reads the tables of {@code casework} and {@code meeting} directly, read-only, as a
 * reporting read model (decision record in docs/decisions.md); uses {@code organisation}
 * (units, who is secretariat), {@code security} and {@code web}. Offers nothing to other
 * modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Statistics")
package dk.coordination.statistics;
