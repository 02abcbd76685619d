package dk.coordination.organisation;

import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

/**
 * A coordination unit as other modules and the API see it.
 *
 * @param municipality the municipality whose departments take part in the unit
 * @param secretariatOrganisation the organisation that runs the secretariat under the
 * current model
 * @param municipalCoordinator the municipal organisation that coordinates the
 * municipality's own departments
 * @param followUpDays how many days after a decision an active or monitored case is
 * followed up when nobody sets a date
 */
public record UnitDetails(String code, String name, String municipality, SecretariatModel model,
		String secretariatOrganisation, String model1Secretariat, String model2Secretariat, String municipalCoordinator,
		int followUpDays) {

	/**
	 * True exactly when the user has the role {@code secretariat-staff} and belongs to
	 * the organisation the current model makes secretariat: the rule of
	 * {@link CoordinationUnits#actsAsSecretariat}, for a caller that has the unit already
	 * and need not ask the database again.
	 */
	public boolean actsAsSecretariat(CurrentUser user) {
		return user.hasRole(Role.SECRETARIAT_STAFF) && user.organisation() != null
				&& user.belongsTo(this.secretariatOrganisation);
	}

}
