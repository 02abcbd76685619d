/**
 * Meetings of the coordination unit: the secretariat convenes them, drafts their agendas
 * from the state of the unit's cases, publishes the agenda (as a versioned, frozen
 * document, a PDF and an iCalendar invitation, announced by e-mail without personal data)
 * and records the decisions that move cases.
 * <p>
 * Uses {@code casework} (which cases belong on an agenda, applying decisions),
 * {@code organisation} (who is secretariat, who is invited), {@code security},
 * {@code audit} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Meetings")
package dk.coordination.meeting;
