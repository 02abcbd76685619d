package dk.coordination.organisation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dk.coordination.security.CurrentUser;

/**
 * What other modules may ask about units and organisations. Answers always reflect the
 * committed configuration, so a model switch applies from the next request, without a
 * restart or new token.
 */
public interface CoordinationUnits {

	Optional<UnitDetails> find(String unitCode);

	/** Every unit, by name: what a submitter may send a concern to. */
	List<UnitDetails> all();

	/**
	 * True exactly when the user has the role {@code secretariat-staff} and belongs to
	 * the organisation that the unit's current model makes secretariat.
	 */
	boolean actsAsSecretariat(CurrentUser user, String unitCode);

	/** Codes of the units where the user acts as secretariat right now. */
	Set<String> secretariatUnits(CurrentUser user);

	boolean organisationExists(String organisationCode);

	/**
	 * The organisations with these codes, in the given order; unknown codes are left out.
	 */
	List<OrganisationDetails> organisations(Collection<String> organisationCodes);

	/**
	 * Every registered organisation, by name: what a page offers to choose from, e.g.
	 * those a case can be disclosed to.
	 */
	List<OrganisationDetails> allOrganisations();

	/**
	 * The unit, and whether the organisation is a department of the municipality the unit
	 * belongs to (the organisations that may use the municipality's own coordination
	 * space on the unit's cases), in one lookup: what every case access check asks.
	 * @param organisationCode the caller's organisation; null for none
	 */
	Optional<UnitStanding> standing(String unitCode, String organisationCode);

}
