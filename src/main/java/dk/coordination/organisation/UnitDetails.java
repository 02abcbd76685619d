package dk.coordination.organisation;

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
}
