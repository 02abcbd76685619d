package dk.coordination.organisation;

/**
 * Published when an administrator switches a unit's secretariat model.
 */
public record SecretariatModelSwitched(String unitCode, SecretariatModel from, SecretariatModel to,
		String secretariatOrganisation, String reason, String switchedBy) {
}
