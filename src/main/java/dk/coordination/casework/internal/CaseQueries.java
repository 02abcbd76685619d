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
	 * @param organisation the caller's organisation, which sees the cases it takes part
	 * in (not those it only submitted concerns to); null for none
	 * @return up to {@code limit} cases, newest first
	 */
	List<ConcernCase> visibleCases(Set<String> secretariatUnits, String organisation, CaseStatus status,
			CaseCursor after, int limit) {
		List<String> visibility = new ArrayList<>();
		if (!secretariatUnits.isEmpty()) {
			visibility.add("c.unitCode in :units");
		}
		if (organisation != null) {
			visibility.add(
					"exists (select 1 from CaseParticipant p where p.caseId = c.id and p.organisation = :org and p.endedAt is null)");
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
		if (organisation != null) {
			query.setParameter("org", organisation);
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
