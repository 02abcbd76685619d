package dk.coordination.organisation;

/**
 * @param notificationEmail the organisation's functional mailbox for the unit's
 * invitations
 */
public record OrganisationDetails(String code, String name, OrganisationType type, String municipality,
		String notificationEmail) {
}
