package dk.coordination.audit;

import java.util.UUID;

/**
 * One read of a person's data, as the access log keeps it.
 *
 * @param caseId the case read, or null when the read was not of one case
 * @param subjectCprHash keyed hash of the person's CPR number (see {@code personaldata}),
 * so a citizen's request for insight finds every read without the log holding the number
 * @param what what was read, e.g. {@code CASE}, {@code CASE_HISTORY}, {@code CASE_LIST}
 * @param purpose why, as the caller stated it or the endpoint's default
 */
public record PersonalDataRead(UUID caseId, String subjectCprHash, String what, String purpose) {
}
