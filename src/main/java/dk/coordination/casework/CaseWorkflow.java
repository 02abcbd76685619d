package dk.coordination.casework;

import static dk.coordination.casework.CaseStatus.ACTIVE;
import static dk.coordination.casework.CaseStatus.AWAITING_MEETING;
import static dk.coordination.casework.CaseStatus.CLOSED;
import static dk.coordination.casework.CaseStatus.MONITORING;
import static dk.coordination.casework.CaseStatus.RECEIVED;
import static dk.coordination.casework.CaseStatus.SCREENING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The case workflow: the one table of which status may follow which. Plain Java on
 * purpose, so the rules read (and are tested) without Spring or a database. Any open case
 * may be closed, because a concern can prove unfounded or be handed to the police or PET
 * at any point; a closed case is reopened into screening, since whatever reopens it is
 * new information to be judged.
 */
public final class CaseWorkflow {

	private static final Map<CaseStatus, Set<CaseStatus>> NEXT = new EnumMap<>(CaseStatus.class);

	static {
		allow(RECEIVED, SCREENING, CLOSED);
		allow(SCREENING, AWAITING_MEETING, CLOSED);
		allow(AWAITING_MEETING, SCREENING, ACTIVE, MONITORING, CLOSED);
		allow(ACTIVE, AWAITING_MEETING, MONITORING, CLOSED);
		allow(MONITORING, ACTIVE, AWAITING_MEETING, CLOSED);
		allow(CLOSED, SCREENING);
	}

	private CaseWorkflow() {
	}

	private static void allow(CaseStatus from, CaseStatus first, CaseStatus... rest) {
		NEXT.put(from, Collections.unmodifiableSet(EnumSet.of(first, rest)));
	}

	public static boolean allows(CaseStatus from, CaseStatus to) {
		return NEXT.get(from).contains(to);
	}

	/** The statuses a case in {@code from} may move to, in workflow order. */
	public static Set<CaseStatus> next(CaseStatus from) {
		return NEXT.get(from);
	}

	/** Closing needs a reason from {@link ClosingReason}; no other status takes one. */
	public static boolean needsClosingReason(CaseStatus to) {
		return to == CLOSED;
	}

	/** Moving out of {@link CaseStatus#CLOSED} reopens the case. */
	public static boolean isReopening(CaseStatus from, CaseStatus to) {
		return from == CLOSED && to != CLOSED;
	}

}
