package dk.coordination.casework;

import dk.coordination.personaldata.CprNumber;

/**
 * A concern as the intake hands it over, validated. Who submitted it comes from the
 * caller's token, not from here.
 */
public record NewReferral(String unitCode, CprNumber cpr, String subjectName, String subjectAddress, String concern,
		ConcernCategory category, LegalBasis legalBasis, boolean urgent) {
}
