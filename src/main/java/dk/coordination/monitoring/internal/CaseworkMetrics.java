package dk.coordination.monitoring.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dk.coordination.casework.CaseOpened;
import dk.coordination.casework.CaseStatusChanged;
import dk.coordination.casework.ReferralAttached;

/**
 * Counts concerns received and case transitions. A plain {@code @EventListener}, not a
 * {@code @TransactionalEventListener}: Spring Modulith stores a publication row for every
 * transactional listener until it has run, a write per counted event for nothing. The
 * count is added once the change is committed, so a submission that is rolled back (a
 * lost race, a database that went away) is not counted.
 */
@Component
class CaseworkMetrics {

	static final String CONCERNS_RECEIVED = "coordination.concerns.received";

	static final String CASE_TRANSITIONS = "coordination.case.transitions";

	private final MeterRegistry registry;

	CaseworkMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void on(CaseOpened opened) {
		afterCommit(concerns(opened.unitCode(), "new-case", opened.urgent()));
	}

	@EventListener
	void on(ReferralAttached attached) {
		afterCommit(concerns(attached.unitCode(), "open-case", attached.urgent()));
	}

	@EventListener
	void on(CaseStatusChanged changed) {
		afterCommit(Counter.builder(CASE_TRANSITIONS)
			.description("Status changes of cases, by unit and from and to status")
			.tag("unit", changed.unitCode())
			.tag("from", String.valueOf(changed.from()))
			.tag("to", String.valueOf(changed.to()))
			.register(this.registry));
	}

	private Counter concerns(String unitCode, String caseKind, boolean urgent) {
		return Counter.builder(CONCERNS_RECEIVED)
			.description(
					"Concerns submitted, by unit, by whether they opened a case or joined an open one, and urgency")
			.tag("unit", unitCode)
			.tag("case", caseKind)
			.tag("urgent", Boolean.toString(urgent))
			.register(this.registry);
	}

	private static void afterCommit(Counter counter) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			counter.increment();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				counter.increment();
			}
		});
	}

}
