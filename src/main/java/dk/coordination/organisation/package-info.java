/**
 * Organisations (police, Kriminalforsorgen, the municipality's departments) and the
 * coordination units they form. Each unit has a secretariat model that decides which
 * organisation runs its secretariat; switching it is configuration, audited, and takes
 * effect on the next request. The module answers the question every other module asks:
 * does this caller act as secretariat of that unit right now?
 * <p>
 * Uses {@code security} (the caller) and {@code web} (pages and problems). Its
 * administration (units, organisations, the history of model switches) is for the role
 * {@code admin} only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisations and units")
package dk.coordination.organisation;
