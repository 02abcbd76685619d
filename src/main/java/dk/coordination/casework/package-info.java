/**
 * Cases: one per person and unit while open, holding the referrals (concerns) about that
 * person, the status in the case workflow ({@link dk.coordination.casework.CaseWorkflow},
 * one table in plain Java), and its audited history. Decides who may see a case (need to
 * know) and lets only the unit's secretariat move it.
 * <p>
 * Uses {@code organisation} (is the caller secretariat of the unit?),
 * {@code personaldata} (protected CPR numbers), {@code audit} (revision metadata of the
 * history), {@code security} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework")
package dk.coordination.casework;
