package dk.coordination.retention.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.security.CurrentUser;
import dk.coordination.web.Problems;

/**
 * Placing and releasing legal holds. A hold can be placed on any case that still holds
 * its personal data, open or closed: retention only ever reaches closed cases, but a hold
 * placed while a case is open must still be there when it closes.
 */
@Service
class LegalHolds {

	private final LegalHoldRepository holds;

	private final JdbcClient jdbc;

	private final Clock clock;

	LegalHolds(LegalHoldRepository holds, JdbcClient jdbc, Clock clock) {
		this.holds = holds;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<Hold> all() {
		return this.jdbc.sql("""
				select h.case_id, c.case_number, h.reason, h.placed_by_user, h.placed_by_org, h.placed_at
				from legal_hold h join concern_case c on c.id = h.case_id
				order by h.placed_at, c.case_number
				""")
			.query((row, n) -> new Hold(row.getObject("case_id", UUID.class), row.getString("case_number"),
					row.getString("reason"), row.getString("placed_by_user"), row.getString("placed_by_org"),
					row.getTimestamp("placed_at").toInstant()))
			.list();
	}

	/**
	 * Places a hold, or gives an existing one a new reason.
	 * @return the hold and whether it is new
	 */
	@Transactional
	Placed place(UUID caseId, String reason, CurrentUser user) {
		String caseNumber = caseNumberOfKeptCase(caseId);
		Instant now = this.clock.instant();
		LegalHold hold = this.holds.findById(caseId).orElse(null);
		boolean created = hold == null;
		if (created) {
			hold = this.holds.save(new LegalHold(caseId, reason, user.username(), user.organisation(), now));
		}
		else {
			hold.place(reason, user.username(), user.organisation(), now);
		}
		return new Placed(new Hold(caseId, caseNumber, hold.getReason(), hold.getPlacedByUser(), hold.getPlacedByOrg(),
				hold.getPlacedAt()), created);
	}

	@Transactional
	void release(UUID caseId) {
		LegalHold hold = this.holds.findById(caseId)
			.orElseThrow(() -> Problems.notFound("Case " + caseId + " has no legal hold"));
		this.holds.delete(hold);
	}

	private String caseNumberOfKeptCase(UUID caseId) {
		record Row(String caseNumber, boolean anonymised) {
		}
		Row row = this.jdbc
			.sql("select case_number, anonymised_at is not null as anonymised from concern_case"
					+ " where id = :id for share")
			.param("id", caseId)
			.query((rs, n) -> new Row(rs.getString("case_number"), rs.getBoolean("anonymised")))
			.optional()
			.orElseThrow(() -> Problems.notFound("No case " + caseId));
		if (row.anonymised()) {
			throw Problems.of(HttpStatus.CONFLICT,
					"Case " + row.caseNumber() + " is already anonymised; there is nothing left to hold");
		}
		return row.caseNumber();
	}

	record Hold(UUID caseId, String caseNumber, String reason, String placedBy, String placedByOrganisation,
			Instant placedAt) {
	}

	record Placed(Hold hold, boolean created) {
	}

}
