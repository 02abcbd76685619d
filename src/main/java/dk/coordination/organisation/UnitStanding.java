package dk.coordination.organisation;

/**
 * A unit as one organisation stands to it.
 *
 * @param unit the unit
 * @param municipalDepartment whether the organisation is a department of the unit's
 * municipality
 */
public record UnitStanding(UnitDetails unit, boolean municipalDepartment) {

}
