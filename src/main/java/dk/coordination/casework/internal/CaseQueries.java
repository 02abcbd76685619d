package dk.coordination.casework.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.stereotype.Component;

import dk.coordination.casework.CaseStatus;

/**
 * The case list, restricted to what the caller may see and paged by key (see
 * {@link CaseCursor}). The JPQL is assembled from the parts that apply so PostgreSQL
 * never has to plan around "parameter is null" tests.
 */
@Component
class CaseQueries {

	private final EntityManager entityManager;

	CaseQueries(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * @param secretariatUnits units whose every case the caller sees
	 * @param submittingOrganisation organisation whose submitted cases the caller sees,
	 * or null
	 * @return up to {@code limit} cases, newest first
	 */
	List<ConcernCase> visibleCases(Set<String> secretariatUnits, String submittingOrganisation, CaseStatus status,
			CaseCursor after, int limit) {
		List<String> visibility = new ArrayList<>();
		if (!secretariatUnits.isEmpty()) {
			visibility.add("c.unitCode in :units");
		}
		if (submittingOrganisation != null) {
			visibility
				.add("exists (select 1 from Referral r where r.concernCase = c and r.submittedByOrganisation = :org)");
		}
		if (visibility.isEmpty()) {
			return List.of();
		}
		StringBuilder jpql = new StringBuilder("select c from ConcernCase c where (")
			.append(String.join(" or ", visibility))
			.append(')');
		if (status != null) {
			jpql.append(" and c.status = :status");
		}
		if (after != null) {
			jpql.append(" and (c.createdAt < :afterTime or (c.createdAt = :afterTime and c.id < :afterId))");
		}
		jpql.append(" order by c.createdAt desc, c.id desc");
		TypedQuery<ConcernCase> query = this.entityManager.createQuery(jpql.toString(), ConcernCase.class);
		if (!secretariatUnits.isEmpty()) {
			query.setParameter("units", secretariatUnits);
		}
		if (submittingOrganisation != null) {
			query.setParameter("org", submittingOrganisation);
		}
		if (status != null) {
			query.setParameter("status", status);
		}
		if (after != null) {
			query.setParameter("afterTime", after.createdAt());
			query.setParameter("afterId", after.id());
		}
		return query.setMaxResults(limit).getResultList();
	}

}
