package dk.coordination.casework.internal;

import java.io.Serializable;
import java.util.List;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.ConcernCategory;

/**
 * What narrows the case list; every part is optional (null for "any"). The filters are
 * part of the list's query, so paging by key walks the filtered list and never filters a
 * page after the fact.
 *
 * @param category a referral on the case is of this category
 * @param organisation the organisation takes part in the case now (an active
 * participant): the same relation that lets an organisation see a case. Having only
 * submitted a referral is not taking part and does not count.
 * @param urgent true for cases a submitter marked urgent ({@code urgent_case}), false for
 * the others
 * @param due true for cases with something due today or earlier by the one due rule
 * ({@code due_work}: the follow-up date has come, a task is overdue, a closed case's
 * review is due), exactly the cases the follow-up list shows; false for the others
 * @param newInformation true for cases a further referral was attached to since the
 * secretariat last moved them
 * @param search a case number or a person, or null
 */
record CaseFilter(CaseStatus status, ConcernCategory category, String organisation, Boolean urgent, Boolean due,
		Boolean newInformation, CaseSearch search) {

	static final CaseFilter NONE = new CaseFilter(null, null, null, null, null, null, null);

	static CaseFilter status(CaseStatus status) {
		return new CaseFilter(status, null, null, null, null, null, null);
	}

	/**
	 * A search in the case list: a case number (exact), or a person found by the keyed
	 * hash of the CPR number, which is all the case stores to find a person by (one hash
	 * per configured key, since during a key rotation a case may still carry an earlier
	 * key's). Holds no CPR number, so it may be kept in a web session (which lives in the
	 * database) without the number.
	 *
	 * @param shown what the page tells the user was searched for: the case number, or the
	 * CPR number masked as lists show it
	 */
	record CaseSearch(String caseNumber, List<String> subjectCprHashes, String shown) implements Serializable {

		CaseSearch {
			subjectCprHashes = (subjectCprHashes != null) ? List.copyOf(subjectCprHashes) : null;
		}

		boolean isPerson() {
			return this.subjectCprHashes != null;
		}

	}

}
