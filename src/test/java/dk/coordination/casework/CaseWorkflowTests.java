package dk.coordination.casework;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static dk.coordination.casework.CaseStatus.ACTIVE;
import static dk.coordination.casework.CaseStatus.AWAITING_MEETING;
import static dk.coordination.casework.CaseStatus.CLOSED;
import static dk.coordination.casework.CaseStatus.MONITORING;
import static dk.coordination.casework.CaseStatus.RECEIVED;
import static dk.coordination.casework.CaseStatus.SCREENING;
import static org.assertj.core.api.Assertions.assertThat;

class CaseWorkflowTests {

	@Test
	void theTableReadsAsDocumented() {
		assertThat(CaseWorkflow.next(RECEIVED)).containsExactly(SCREENING, CLOSED);
		assertThat(CaseWorkflow.next(SCREENING)).containsExactly(AWAITING_MEETING, CLOSED);
		assertThat(CaseWorkflow.next(AWAITING_MEETING)).containsExactly(SCREENING, ACTIVE, MONITORING, CLOSED);
		assertThat(CaseWorkflow.next(ACTIVE)).containsExactly(AWAITING_MEETING, MONITORING, CLOSED);
		assertThat(CaseWorkflow.next(MONITORING)).containsExactly(AWAITING_MEETING, ACTIVE, CLOSED);
		assertThat(CaseWorkflow.next(CLOSED)).containsExactly(SCREENING);
	}

	@ParameterizedTest
	@CsvSource({ "RECEIVED, ACTIVE", "RECEIVED, MONITORING", "SCREENING, ACTIVE", "SCREENING, RECEIVED",
			"ACTIVE, RECEIVED", "CLOSED, ACTIVE", "CLOSED, CLOSED", "MONITORING, MONITORING" })
	void forbidsShortcutsAndStandingStill(CaseStatus from, CaseStatus to) {
		assertThat(CaseWorkflow.allows(from, to)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = CaseStatus.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
	void everyOpenCaseCanBeClosed(CaseStatus from) {
		assertThat(CaseWorkflow.allows(from, CLOSED)).isTrue();
	}

	@Test
	void noStatusIsADeadEndAndNoneCanBeReachedOnlyAtIntake() {
		Set<CaseStatus> reachable = EnumSet.noneOf(CaseStatus.class);
		for (CaseStatus from : CaseStatus.values()) {
			assertThat(CaseWorkflow.next(from)).isNotEmpty();
			reachable.addAll(CaseWorkflow.next(from));
		}
		assertThat(reachable).containsExactlyInAnyOrder(SCREENING, AWAITING_MEETING, ACTIVE, MONITORING, CLOSED);
	}

	@Test
	void onlyClosingNeedsAClosingReason() {
		assertThat(EnumSet.allOf(CaseStatus.class)).filteredOn(CaseWorkflow::needsClosingReason)
			.containsExactly(CLOSED);
	}

	@Test
	void leavingClosedIsReopening() {
		assertThat(CaseWorkflow.isReopening(CLOSED, SCREENING)).isTrue();
		assertThat(CaseWorkflow.isReopening(SCREENING, CLOSED)).isFalse();
	}

}
