/**
 * Answering a data subject's request for insight (GDPR art. 15): everything the service
 * holds about a person, the disclosures of it (to whom, on which legal basis, when, for
 * what purpose) and the reads of it (when, by which authority, why), without the
 * employees' identities, as JSON for the data-protection function and as a Danish letter.
 * The page Tilsyn's "Anmodning om indsigt" and the API {@code POST /api/insight} are one
 * code path; the answer is itself a logged read, one entry per case.
 * <p>
 * A module of its own because it reads across modules that cannot read each other:
 * {@code casework} (the cases, through {@link dk.coordination.casework.CaseInsight}),
 * {@code meeting} (agenda items and decisions) and {@code audit} (the read log, which
 * casework writes and so cannot be read from there). Also uses {@code organisation}
 * (authorities' names), {@code personaldata} (the CPR number's keyed hashes) and
 * {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package dk.coordination.insight;
