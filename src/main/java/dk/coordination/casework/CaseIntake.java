package dk.coordination.casework;

import dk.coordination.security.CurrentUser;

/**
 * Turns a concern into a case, or into new information on the person's open case.
 */
public interface CaseIntake {

	/**
	 * @throws dk.coordination.web.InvalidFieldException when the unit does not exist
	 */
	IntakeResult submit(NewReferral referral, CurrentUser submitter);

}
