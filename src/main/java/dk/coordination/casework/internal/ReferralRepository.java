package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ReferralRepository extends JpaRepository<Referral, UUID> {

	/**
	 * An organisation's own referrals, newest first, with their cases in the same query.
	 */
	@Query("""
			select r from Referral r join fetch r.concernCase
			where r.submittedByOrganisation = ?1
			order by r.submittedAt desc, r.id desc
			""")
	List<Referral> findOwn(String organisation, Limit limit);

	@Query("""
			select r from Referral r join fetch r.concernCase
			where r.submittedByOrganisation = ?1
			  and (r.submittedAt < ?2 or (r.submittedAt = ?2 and r.id < ?3))
			order by r.submittedAt desc, r.id desc
			""")
	List<Referral> findOwnAfter(String organisation, Instant submittedAt, UUID id, Limit limit);

	@Query("select r from Referral r join fetch r.concernCase where r.id = ?1 and r.submittedByOrganisation = ?2")
	Optional<Referral> findOwn(UUID id, String organisation);

}
