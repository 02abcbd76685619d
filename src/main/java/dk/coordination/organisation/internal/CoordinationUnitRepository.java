package dk.coordination.organisation.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CoordinationUnitRepository extends JpaRepository<CoordinationUnit, String> {

	@Query("""
			select u.code from CoordinationUnit u
			where (u.secretariatModel = dk.coordination.organisation.SecretariatModel.MODEL_1 and u.model1Secretariat = ?1)
			   or (u.secretariatModel = dk.coordination.organisation.SecretariatModel.MODEL_2 and u.model2Secretariat = ?1)
			""")
	List<String> findCodesWithSecretariat(String organisationCode);

	/**
	 * The unit with, beside it, whether the organisation is one of its municipality's
	 * departments: one statement where a unit lookup and a count were two, on every case
	 * request.
	 */
	@Query("""
			select u, case when exists (
			    select 1 from Organisation o
			    where o.code = ?2 and o.municipality = u.municipality
			      and o.type = dk.coordination.organisation.OrganisationType.MUNICIPAL_DEPARTMENT
			) then true else false end
			from CoordinationUnit u
			where u.code = ?1
			""")
	List<Object[]> findWithStanding(String unitCode, String organisationCode);

}
