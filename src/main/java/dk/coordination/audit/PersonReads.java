package dk.coordination.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The logged reads of one person's data as the person may be told of them: when, by which
 * authority and why, never by which employee (EU Court C-579/21). For answering a request
 * for insight; the auditor's own view of the log, with the users, stays inside this
 * module.
 */
public interface PersonReads {

	/**
	 * The {@code what} of the read a request for insight makes: the insight module logs
	 * one entry per case it answers with. Reads made to answer a request for insight are
	 * left out of the next answer, or every answer would list the ones before it.
	 */
	String INSIGHT = "INSIGHT";

	/**
	 * Every logged read of the person's data, oldest first. Logs nothing itself: the
	 * caller's answer is the read and logs itself as {@link #INSIGHT}.
	 * @param cprHashes every keyed hash of the person's CPR number the log may carry
	 */
	List<LoggedRead> of(Collection<String> cprHashes);

	/**
	 * @param caseId the case read, or null for a read of the person that was not of one
	 * case (the auditor's search of the log by CPR number)
	 * @param organisation the reader's organisation's name (its code when it has none)
	 */
	record LoggedRead(Instant readAt, UUID caseId, String organisationCode, String organisation, String purpose) {
	}

}
