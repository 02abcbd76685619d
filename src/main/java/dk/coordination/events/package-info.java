/**
 * Upkeep of Spring Modulith's event publication registry, the table
 * {@code event_publication} in which every event handed to another module's
 * {@code @ApplicationModuleListener} is kept until its listener has succeeded. A listener
 * that fails (a mail server that cannot be reached) leaves its publication incomplete;
 * this module resubmits such publications after a while, republishes what an instance
 * left unfinished when it stopped, and deletes completed publications after a configured
 * time. With several instances each of these runs on one instance at a time (ShedLock,
 * table {@code shedlock}, through the application's one lock executor).
 * <p>
 * Infrastructure without an API: it uses no other module, and no module uses it. It works
 * on any module's events through Spring Modulith's {@code FailedEventPublications},
 * {@code IncompleteEventPublications} and {@code CompletedEventPublications}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Event publications")
package dk.coordination.events;
