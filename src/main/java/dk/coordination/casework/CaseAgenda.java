package dk.coordination.casework;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the meeting module may ask about cases to draft and print agendas.
 */
public interface CaseAgenda {

	/**
	 * The unit's cases that belong on the agenda of a meeting held on
	 * {@code meetingDate}, urgent ones first, then oldest first. What is due is the
	 * {@code due_work} view's rule, the same as the follow-up list's and the daily job's.
	 */
	List<AgendaCandidate> candidatesFor(String unitCode, LocalDate meetingDate);

	/** Briefs of the given cases, by id; ids of unknown cases are left out. */
	Map<UUID, CaseBrief> briefs(Collection<UUID> caseIds);

}
