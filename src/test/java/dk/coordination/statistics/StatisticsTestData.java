package dk.coordination.statistics;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.support.EmbeddedDatabase;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A coordination unit of its own (STAT) with its own organisations, seeded by SQL with
 * counts chosen so that every answer of the statistics is known beforehand (the comments
 * give them), including the edges: Danish days at New Year, a case closed twice, a
 * reopening after the period, a meeting that was cancelled. The test JVM shares one
 * database with every other test class, and a second unit would change what they see (the
 * referral form preselects the only unit), so {@link #remove} takes it all away again. A
 * test class that uses it says {@code @ExtendWith(StatisticsTestData.class)}: the unit is
 * there for its tests and gone after them.
 */
final class StatisticsTestData implements BeforeAllCallback, AfterAllCallback {

	static final String UNIT = "STAT";

	static final String UNIT_NAME = "Statistikenheden (test)";

	static final String FROM = "2025-01-01";

	static final String TO = "2025-12-31";

	private static final String USER = "statistik-testdata";

	private static final ZoneId DANISH = ZoneId.of("Europe/Copenhagen");

	private final Map<String, UUID> cases = new LinkedHashMap<>();

	private JdbcClient jdbc;

	private int referrals;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
		seed();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		remove();
	}

	/**
	 * Seeds the unit. Expected for 2025-01-01..2025-12-31:
	 * <ul>
	 * <li>25 concerns: police 12, prison service 3 (suppressed), municipal 10 (suppressed
	 * secondarily: the smallest other cell above 0), other 0; by category militant
	 * islamism 5 (shown), right wing 9, left wing 2 and unclear 1 (both suppressed, so no
	 * secondary), other 8.</li>
	 * <li>20 cases opened (c01 at 00:30 Danish time on New Year's Day, still 2024 in
	 * UTC).</li>
	 * <li>12 cases closed: no concern 6, handled by one authority 5 (suppressed
	 * secondarily), plan completed 1 (c07, closed twice: counted once, by its last
	 * reason); reopened 2 (c07, c08; c09's reopening is in 2026), so reopened and not
	 * reopened are both suppressed.</li>
	 * <li>First meeting for 6 cases after 3, 7, 10, 14, 21 and 60 days: median 12.0, 90th
	 * percentile 40.5.</li>
	 * <li>10 reviews due: on time 7, late 1, not done 2; 70.0 % on time.</li>
	 * </ul>
	 */
	void seed() {
		remove();
		organisation("STAT-POL", "Statistikpolitiet", "POLICE");
		organisation("STAT-KRIM", "Statistik-Kriminalforsorgen", "PRISON_AND_PROBATION");
		organisation("STAT-KOM", "Statistikforvaltningen", "MUNICIPAL_DEPARTMENT");
		organisation("STAT-ANDEN", "Statistik-andre", "OTHER");
		this.jdbc.sql("""
				insert into coordination_unit (code, name, secretariat_model, model1_secretariat, model2_secretariat,
				                               municipal_coordinator, municipality)
				values (:code, :name, 'MODEL_1', 'STAT-KOM', 'STAT-POL', 'STAT-KOM', 'Statistik Kommune')
				""").param("code", UNIT).param("name", UNIT_NAME).update();

		// outside the period: 23:30 on New Year's Eve (Danish time), and a case of 2024
		// whose first meeting was in 2024
		openCase("w", at(2024, 12, 31, 23, 30), "STAT-POL", "RIGHT_WING");
		openCase("g", at(2024, 11, 1, 10, 0), "STAT-POL", "RIGHT_WING");

		// the 20 cases opened in 2025 with their first concern: (organisation, category)
		String[][] first = { { "STAT-POL", "MILITANT_ISLAMISM" }, { "STAT-POL", "MILITANT_ISLAMISM" },
				{ "STAT-POL", "MILITANT_ISLAMISM" }, { "STAT-POL", "MILITANT_ISLAMISM" },
				{ "STAT-POL", "MILITANT_ISLAMISM" }, { "STAT-POL", "RIGHT_WING" }, { "STAT-POL", "RIGHT_WING" },
				{ "STAT-POL", "RIGHT_WING" }, { "STAT-POL", "RIGHT_WING" }, { "STAT-POL", "RIGHT_WING" },
				{ "STAT-POL", "RIGHT_WING" }, { "STAT-POL", "RIGHT_WING" }, { "STAT-KRIM", "RIGHT_WING" },
				{ "STAT-KRIM", "RIGHT_WING" }, { "STAT-KRIM", "LEFT_WING" }, { "STAT-KOM", "LEFT_WING" },
				{ "STAT-KOM", "UNCLEAR" }, { "STAT-KOM", "OTHER" }, { "STAT-KOM", "OTHER" }, { "STAT-KOM", "OTHER" } };
		// when each was opened; c02-c06 and c19 wait 3, 7, 10, 14, 21 and 60 days for
		// their first meeting
		OffsetDateTime[] opened = { at(2025, 1, 1, 0, 30), at(2025, 3, 17, 10, 0), at(2025, 3, 13, 10, 0),
				at(2025, 3, 10, 10, 0), at(2025, 5, 29, 10, 0), at(2025, 5, 22, 10, 0), at(2025, 2, 1, 10, 0),
				at(2025, 2, 2, 10, 0), at(2025, 2, 3, 10, 0), at(2025, 1, 1, 0, 1), at(2025, 1, 10, 10, 0),
				at(2025, 1, 11, 10, 0), at(2025, 1, 12, 10, 0), at(2025, 1, 13, 10, 0), at(2025, 1, 14, 10, 0),
				at(2025, 1, 15, 10, 0), at(2025, 1, 16, 10, 0), at(2025, 1, 17, 10, 0), at(2025, 4, 13, 10, 0),
				at(2025, 2, 20, 10, 0) };
		for (int i = 0; i < 20; i++) {
			openCase(String.format("c%02d", i + 1), opened[i], first[i][0], first[i][1]);
		}
		// five more concerns attached to open cases: municipal, other
		for (int i = 1; i <= 5; i++) {
			referral(this.cases.get(String.format("c%02d", i)), at(2025, 7, 1, 10, 0), "STAT-KOM", "OTHER", true);
		}
		// after the period: 00:10 on New Year's Day 2026 (Danish time), still 2025 in UTC
		referral(this.cases.get("c06"), at(2026, 1, 1, 0, 10), "STAT-POL", "RIGHT_WING", true);

		// closings and reopenings, as the case's Envers history records them
		move("c07", at(2025, 3, 1, 10, 0), "CLOSED", "NO_CONCERN");
		move("c07", at(2025, 4, 1, 10, 0), "SCREENING", null);
		move("c07", at(2025, 6, 1, 10, 0), "CLOSED", "PLAN_COMPLETED");
		move("c08", at(2025, 11, 1, 10, 0), "CLOSED", "NO_CONCERN");
		move("c08", at(2025, 12, 1, 10, 0), "SCREENING", null);
		move("c09", at(2025, 12, 15, 10, 0), "CLOSED", "NO_CONCERN");
		move("c09", at(2026, 1, 10, 10, 0), "SCREENING", null);
		// 00:20 on New Year's Day: in the period in Danish time, not in UTC
		move("c10", at(2025, 1, 1, 0, 20), "CLOSED", "NO_CONCERN");
		for (String c : new String[] { "c11", "c12", "c13" }) {
			move(c, at(2025, 8, 1, 10, 0), "CLOSED", "NO_CONCERN");
		}
		for (String c : new String[] { "c14", "c15", "c16", "c17", "c18" }) {
			move(c, at(2025, 9, 1, 10, 0), "CLOSED", "HANDLED_BY_ONE_AUTHORITY");
		}
		// closed in 2024, reopened in 2025: not a closing of the period
		move("w", at(2024, 12, 31, 23, 45), "CLOSED", "MOVED_AWAY");
		move("w", at(2025, 2, 1, 10, 0), "SCREENING", null);

		// meetings: held in 2024, two held in 2025, one cancelled
		UUID m0 = meeting(at(2024, 11, 20, 9, 0), "HELD");
		UUID m1 = meeting(at(2025, 3, 20, 9, 0), "HELD");
		UUID m2 = meeting(at(2025, 6, 12, 9, 0), "HELD");
		UUID m3 = meeting(at(2025, 9, 1, 9, 0), "CANCELLED");
		item(m0, "g", 1);
		item(m1, "g", 1);
		item(m1, "c02", 2);
		item(m1, "c03", 3);
		item(m1, "c04", 4);
		item(m2, "c05", 1);
		item(m2, "c06", 2);
		item(m2, "c19", 3);
		item(m3, "c20", 1);
		item(m2, null, 4);

		// reviews due in 2025: on time 7 (one exactly 30 days late), late 1, not done 2
		review("c10", LocalDate.of(2025, 3, 1), "CONFIRMED", at(2025, 3, 31, 12, 0));
		for (String c : new String[] { "c11", "c12", "c13", "c14", "c15", "c16" }) {
			review(c, LocalDate.of(2025, 6, 1), "CONFIRMED", at(2025, 6, 6, 12, 0));
		}
		review("c17", LocalDate.of(2025, 4, 1), "CONFIRMED", at(2025, 5, 2, 12, 0));
		review("c18", LocalDate.of(2025, 10, 1), "PENDING", null);
		review("c13", LocalDate.of(2025, 12, 1), "PENDING", null);
		// not counted: cancelled, and due after the period
		review("c12", LocalDate.of(2025, 9, 1), "CANCELLED", at(2025, 8, 2, 12, 0));
		review("c11", LocalDate.of(2026, 1, 5), "CONFIRMED", at(2026, 1, 6, 12, 0));
	}

	/**
	 * Takes the unit and everything seeded in it away again, as the superuser: the
	 * service's role may not delete history.
	 */
	void remove() {
		JdbcClient jdbc = JdbcClient.create(EmbeddedDatabase.shared().superuserJdbc());
		jdbc.sql("delete from agenda_item where meeting_id in (select id from meeting where unit_code = :u)")
			.param("u", UNIT)
			.update();
		jdbc.sql("delete from meeting where unit_code = :u").param("u", UNIT).update();
		for (String table : new String[] { "case_review", "referral" }) {
			jdbc.sql("delete from " + table + " where case_id in (select id from concern_case where unit_code = :u)")
				.param("u", UNIT)
				.update();
		}
		jdbc.sql("delete from concern_case_aud where unit_code = :u").param("u", UNIT).update();
		jdbc.sql("delete from audit_revision where username = :user").param("user", USER).update();
		jdbc.sql("delete from concern_case where unit_code = :u").param("u", UNIT).update();
		jdbc.sql("delete from coordination_unit where code = :u").param("u", UNIT).update();
		jdbc.sql("delete from organisation where code like 'STAT-%'").update();
	}

	private static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
		return LocalDateTime.of(year, month, day, hour, minute)
			.atZone(DANISH)
			.toOffsetDateTime()
			.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private void organisation(String code, String name, String type) {
		this.jdbc.sql("insert into organisation (code, name, type) values (:code, :name, :type)")
			.param("code", code)
			.param("name", name)
			.param("type", type)
			.update();
	}

	private void openCase(String name, OffsetDateTime openedAt, String organisation, String category) {
		UUID id = UUID.randomUUID();
		this.cases.put(name, id);
		this.jdbc.sql("""
				insert into concern_case (id, unit_code, case_number, status, subject_name, subject_cpr_encrypted,
				                          subject_cpr_hash, subject_cpr_masked, created_at, updated_at)
				values (:id, :unit, :number, 'RECEIVED', 'Fiktiv Statistikperson', :encrypted, :hash, 'xxxxxx-xxxx',
				        :at, :at)
				""")
			.param("id", id)
			.param("unit", UNIT)
			.param("number", "STAT-" + openedAt.getYear() + "-" + name)
			.param("encrypted", new byte[] { 0 })
			.param("hash", "statistik-" + id)
			.param("at", openedAt)
			.update();
		revision(id, openedAt, 0, "RECEIVED", null);
		referral(id, openedAt, organisation, category, false);
	}

	private void referral(UUID caseId, OffsetDateTime submittedAt, String organisation, String category,
			boolean attached) {
		this.referrals++;
		this.jdbc.sql("""
				insert into referral (id, case_id, submitted_by_user, submitted_by_org, submitted_at, concern, category,
				                      legal_basis, urgent, receipt_number, subject_name, attached_to_existing_case)
				values (:id, :case, 'fiktiv', :org, :at, 'Fiktiv bekymring til statistikken.', :category,
				        'RETSPLEJELOVEN_115', false, :receipt, 'Fiktiv Statistikperson', :attached)
				""")
			.param("id", UUID.randomUUID())
			.param("case", caseId)
			.param("org", organisation)
			.param("at", submittedAt)
			.param("category", category)
			.param("receipt", "H-STAT-" + this.referrals)
			.param("attached", attached)
			.update();
	}

	private void move(String name, OffsetDateTime at, String status, String closingReason) {
		UUID id = this.cases.get(name);
		this.jdbc.sql("update concern_case set status = :status, closing_reason = :reason where id = :id")
			.param("status", status)
			.param("reason", closingReason)
			.param("id", id)
			.update();
		revision(id, at, 1, status, closingReason);
	}

	private void revision(UUID caseId, OffsetDateTime at, int type, String status, String closingReason) {
		long rev = this.jdbc
			.sql("insert into audit_revision (revision_time, username) values (:at, :user) returning id")
			.param("at", at)
			.param("user", USER)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into concern_case_aud (id, rev, revtype, unit_code, status, closing_reason)
				values (:id, :rev, :type, :unit, :status, :reason)
				""")
			.param("id", caseId)
			.param("rev", rev)
			.param("type", type)
			.param("unit", UNIT)
			.param("status", status)
			.param("reason", closingReason)
			.update();
	}

	private UUID meeting(OffsetDateTime startsAt, String state) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into meeting (id, unit_code, starts_at, duration_minutes, location, state, created_by_user,
				                     created_at, updated_at)
				values (:id, :unit, :at, 60, 'Statistikvej 1', :state, 'fiktiv', :at, :at)
				""").param("id", id).param("unit", UNIT).param("at", startsAt).param("state", state).update();
		return id;
	}

	private void item(UUID meeting, String caseName, int position) {
		this.jdbc.sql("""
				insert into agenda_item (id, meeting_id, position, case_id, reason, title, created_at)
				values (:id, :meeting, :position, :case, :reason, 'Punkt', now())
				""")
			.param("id", UUID.randomUUID())
			.param("meeting", meeting)
			.param("position", position)
			.param("case", (caseName != null) ? this.cases.get(caseName) : null)
			.param("reason", (caseName != null) ? "AWAITING_MEETING" : "FREE")
			.update();
	}

	private void review(String caseName, LocalDate due, String state, OffsetDateTime decidedAt) {
		this.jdbc.sql("""
				insert into case_review (id, case_id, due_date, state, decided_at)
				values (:id, :case, :due, :state, :decided)
				""")
			.param("id", UUID.randomUUID())
			.param("case", this.cases.get(caseName))
			.param("due", due)
			.param("state", state)
			.param("decided", decidedAt)
			.update();
	}

}
