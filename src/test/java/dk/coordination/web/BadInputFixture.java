package dk.coordination.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.support.Api;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;

/**
 * Real resources for bad requests to aim at: a case with a referral, a participant and a
 * task, and a meeting with an agenda item. Ids are read from the database, so the fixture
 * does not depend on what the answers of other endpoints carry.
 */
record BadInputFixture(UUID caseId, UUID referralId, UUID taskId, String participant, UUID meetingId, UUID itemId,
		Instant createdFrom) {

	static BadInputFixture create(Api api, JdbcClient jdbc) {
		Instant start = TestClock.now();
		String concern = "Fiktiv bekymring til test af forkert input " + UUID.randomUUID();
		Map<String, Object> referral = referral(FakeCpr.next(), "OTHER");
		referral.put("concern", concern);
		api.as("buf").post("/api/referrals", referral);
		Map<String, Object> row = jdbc.sql("select id, case_id from referral where concern = ?")
			.param(concern)
			.query()
			.singleRow();
		UUID caseId = (UUID) row.get("case_id");
		String participant = "KRIMINALFORSORGEN";
		api.as("sekretariat")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", participant, "legalBasis", "RETSPLEJELOVEN_115", "purpose", "Test"));
		api.as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks",
					Map.of("organisation", participant, "description", "Bekymringssamtale"));
		UUID taskId = first(jdbc, "select id from case_task where case_id = ?", caseId);
		Api.Response meeting = api.as("sekretariat")
			.post("/api/meetings", Map.of("unit", "KBH", "startsAt", "2027-11-04T09:00:00+01:00", "durationMinutes", 60,
					"location", "Rådhuset", "invited", List.of(participant)));
		UUID meetingId = UUID.fromString(meeting.text("/meetingId"));
		api.as("sekretariat")
			.header("If-Match", meeting.header("ETag").orElse("\"0\""))
			.post("/api/meetings/" + meetingId + "/agenda/items", Map.of("title", "Orientering"));
		UUID itemId = first(jdbc, "select id from agenda_item where meeting_id = ?", meetingId);
		return new BadInputFixture(caseId, (UUID) row.get("id"), taskId, participant, meetingId, itemId, start);
	}

	private static UUID first(JdbcClient jdbc, String sql, UUID id) {
		Optional<UUID> found = jdbc.sql(sql).param(id).query(UUID.class).list().stream().findFirst();
		// a missing resource still gives a path to aim at; its requests then test 404s
		return found.orElseGet(UUID::randomUUID);
	}

}
