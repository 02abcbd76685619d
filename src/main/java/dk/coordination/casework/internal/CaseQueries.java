package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.springframework.stereotype.Component;

/**
 * The case list, restricted to what the caller may see, narrowed by a {@link CaseFilter}
 * and paged by key (see {@link CaseCursor}). Native SQL, because "urgent" and "due" are
 * the database views {@code urgent_case} and {@code due_work}, the one definition of each
 * that the follow-up list, the daily job and the agenda proposal use too. The SQL is
 * assembled from the parts that apply so PostgreSQL never has to plan around "parameter
 * is null" tests.
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
	 * @param today the day "due" is judged on, in Danish time
	 * @return up to {@code limit} cases, newest first, each with whether it is urgent
	 */
	List<Listed> visibleCases(Set<String> secretariatUnits, String organisation, CaseFilter filter, LocalDate today,
			CaseCursor after, int limit) {
		List<String> visibility = new ArrayList<>();
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (!secretariatUnits.isEmpty()) {
			visibility.add("c.unit_code in (:units)");
			parameters.put("units", secretariatUnits);
		}
		if (organisation != null) {
			visibility.add("exists (select 1 from case_participant p where p.case_id = c.id"
					+ " and p.organisation = :org and p.ended_at is null)");
			parameters.put("org", organisation);
		}
		if (visibility.isEmpty()) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("select c.* from concern_case c where (")
			.append(String.join(" or ", visibility))
			.append(')');
		if (filter.status() != null) {
			sql.append(" and c.status = :status");
			parameters.put("status", filter.status().name());
		}
		if (filter.category() != null) {
			sql.append(" and exists (select 1 from referral r where r.case_id = c.id and r.category = :category)");
			parameters.put("category", filter.category().name());
		}
		if (filter.organisation() != null) {
			sql.append(" and exists (select 1 from case_participant fp where fp.case_id = c.id"
					+ " and fp.organisation = :filterOrg and fp.ended_at is null)");
			parameters.put("filterOrg", filter.organisation());
		}
		if (filter.urgent() != null) {
			sql.append(filter.urgent() ? " and" : " and not")
				.append(" exists (select 1 from urgent_case u where u.case_id = c.id)");
		}
		if (filter.due() != null) {
			sql.append(filter.due() ? " and" : " and not")
				.append(" exists (select 1 from due_work d where d.case_id = c.id and d.due_on <= :today)");
			parameters.put("today", today);
		}
		if (filter.newInformation() != null) {
			sql.append(" and c.new_information = :newInformation");
			parameters.put("newInformation", filter.newInformation());
		}
		if (filter.search() != null && filter.search().isPerson()) {
			sql.append(" and c.subject_cpr_hash in (:cprHashes)");
			parameters.put("cprHashes", filter.search().subjectCprHashes());
		}
		else if (filter.search() != null) {
			sql.append(" and c.case_number = :caseNumber");
			parameters.put("caseNumber", filter.search().caseNumber());
		}
		if (after != null) {
			// a row comparison, which PostgreSQL reads as an index range; the same
			// condition spelt with or/and is a filter on every row before the cursor
			// (680 ms instead of 0.1 ms for page 10,000 of a million cases)
			sql.append(" and (c.created_at, c.id) < (:afterTime, :afterId)");
			parameters.put("afterTime", after.createdAt());
			parameters.put("afterId", after.id());
		}
		sql.append(" order by c.created_at desc, c.id desc limit :limit");
		parameters.put("limit", limit);
		// the urgent flag comes with the page, where it used to be a second query after
		// it, and is asked of the page's rows only: as a subquery beside the keyset scan,
		// PostgreSQL planned it for every row the scan might read and hashed all 60,000
		// urgent cases first (700 ms a page on the million cases)
		String page = "select c.*, exists (select 1 from urgent_case u where u.case_id = c.id)"
				+ " as listed_urgent from (" + sql + ") c order by c.created_at desc, c.id desc";
		@SuppressWarnings("unchecked")
		NativeQuery<Object[]> query = this.entityManager.createNativeQuery(page)
			.unwrap(NativeQuery.class)
			.addEntity("c", ConcernCase.class)
			.addScalar("listed_urgent", StandardBasicTypes.BOOLEAN);
		parameters.forEach(query::setParameter);
		return query.getResultList().stream().map((row) -> new Listed((ConcernCase) row[0], (Boolean) row[1])).toList();
	}

	/** A case of the list, with whether a submitter marked it urgent. */
	record Listed(ConcernCase concern, boolean urgent) {
	}

	/** Which of these cases a submitter marked urgent ({@code urgent_case}). */
	Set<UUID> urgentAmong(Collection<UUID> caseIds) {
		if (caseIds.isEmpty()) {
			return Set.of();
		}
		@SuppressWarnings("unchecked")
		List<UUID> urgent = this.entityManager
			.createNativeQuery("select u.case_id from urgent_case u where u.case_id in (:ids)", UUID.class)
			.setParameter("ids", caseIds)
			.getResultList();
		return new HashSet<>(urgent);
	}

}
