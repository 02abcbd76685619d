package dk.coordination.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The realm roles of Keycloak realm {@code coordination}. Being secretariat is
 * deliberately not among them: it follows from {@link #SECRETARIAT_STAFF} plus the unit's
 * secretariat model.
 */
public enum Role {

	SECRETARIAT_STAFF("secretariat-staff"), LIAISON("liaison"), CASEWORKER("caseworker"), AUDITOR("auditor"),
	ADMIN("admin"),
	/**
	 * Reads the service's metrics ({@code /actuator/prometheus}) and nothing else: the
	 * role of the monitoring system's service account, not of a person.
	 */
	MONITORING("monitoring");

	private final String realmRole;

	Role(String realmRole) {
		this.realmRole = realmRole;
	}

	/** The role's name in Keycloak, as it appears in {@code realm_access.roles}. */
	public String realmRole() {
		return this.realmRole;
	}

	/** The Spring Security authority, e.g. {@code ROLE_secretariat-staff}. */
	public String authority() {
		return "ROLE_" + this.realmRole;
	}

	public static Optional<Role> fromRealmRole(String name) {
		return Arrays.stream(values()).filter((role) -> role.realmRole.equals(name)).findFirst();
	}

	public static Optional<Role> fromAuthority(String authority) {
		return authority.startsWith("ROLE_") ? fromRealmRole(authority.substring(5)) : Optional.empty();
	}

}
