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

	@Query("""
			select count(o) > 0 from Organisation o, CoordinationUnit u
			where o.code = ?1 and u.code = ?2 and o.municipality = u.municipality
			  and o.type = dk.coordination.organisation.OrganisationType.MUNICIPAL_DEPARTMENT
			""")
	boolean isMunicipalDepartmentOf(String organisationCode, String unitCode);

}
