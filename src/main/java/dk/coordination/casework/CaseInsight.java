package dk.coordination.casework;

import java.util.Collection;
import java.util.List;

/**
 * What casework holds about one person, for answering the person's request for insight
 * (GDPR art. 15): every case the person is the subject of, whatever its status and in
 * every unit, with what each authority recorded on it.
 * <p>
 * Unlike every other answer with a case's data this one is not a case read and logs
 * nothing: it is not a caseworker's look at a case, and no need-to-know applies to the
 * data-protection function that answers the request. The caller logs its own read, one
 * access-log entry per case it answers with.
 */
public interface CaseInsight {

	/**
	 * @param cprHashes every keyed hash of the person's CPR number that the stored cases
	 * may carry (more than one while the CPR keys are being rotated)
	 * @return the person's cases, oldest first; empty when there are none
	 */
	List<HeldCase> casesOf(Collection<String> cprHashes);

}
