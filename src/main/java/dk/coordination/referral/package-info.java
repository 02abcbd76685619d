/**
 * Intake of concerns (bekymringshenvendelser): the endpoint where a municipal department,
 * the police, Kriminalforsorgen or the secretariat submits a concern about a person.
 * Validates what was sent (the CPR number, the legal basis for passing it on) and hands
 * it to {@code casework}, which opens a case or adds the concern to the person's open
 * case. The submitter gets a receipt for its referral, never news of the case, and
 * follows its own referrals here ({@code GET /api/referrals?mine}).
 * <p>
 * The same in Danish pages: the form Indsend bekymring ({@code /bekymringer/ny}), its
 * receipt, the organisation's own referrals ({@code /bekymringer}) and a start-page panel
 * of the latest ones with the secretariat's feedback.
 * <p>
 * Uses {@code casework}, {@code audit} (the purpose of reading one's own referrals),
 * {@code organisation} (the units a concern can be sent to), {@code personaldata},
 * {@code security} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Referral intake")
package dk.coordination.referral;
