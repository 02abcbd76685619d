package dk.coordination.casework.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ConcernCaseRepository extends JpaRepository<ConcernCase, UUID> {

	/**
	 * The person's open case in the unit, locked so two concerns arriving together are
	 * attached one after the other rather than racing on the version. By the hashes under
	 * every configured key, since during a key rotation the case may not be re-keyed yet.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("""
			select c from ConcernCase c
			where c.unitCode = ?1 and c.subjectCprHash in ?2
			  and c.status <> dk.coordination.casework.CaseStatus.CLOSED
			""")
	Optional<ConcernCase> findOpenCaseForUpdate(String unitCode, List<String> subjectCprHashes);

	@Query("""
			select c from ConcernCase c
			where c.unitCode = ?1 and c.subjectCprHash in ?2 and c.id <> ?3
			order by c.createdAt desc
			""")
	List<ConcernCase> findOtherCasesOfSubject(String unitCode, List<String> subjectCprHashes, UUID excluded);

	/** The case with its referrals fetched in the same statement. */
	@Query("select c from ConcernCase c left join fetch c.referrals where c.id = ?1")
	Optional<ConcernCase> findWithReferrals(UUID id);

	/** Every case of the person, in every unit and status: a request for insight. */
	List<ConcernCase> findBySubjectCprHashInOrderByCreatedAt(Collection<String> subjectCprHashes);

}
