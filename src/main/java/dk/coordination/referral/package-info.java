/**
 * Intake of concerns (bekymringshenvendelser): the endpoint where a municipal department,
 * the police, Kriminalforsorgen or the secretariat submits a concern about a person.
 * Validates what was sent (the CPR number, the legal basis for passing it on) and hands
 * it to {@code casework}, which opens a case or adds the concern to the person's open
 * case.
 * <p>
 * Uses {@code casework}, {@code personaldata}, {@code security} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Referral intake")
package dk.coordination.referral;
