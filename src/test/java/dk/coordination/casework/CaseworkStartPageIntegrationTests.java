package dk.coordination.casework;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start page's casework and meeting panels, over real HTTP: the secretariat sees new
 * concerns, concerns with new information, today's follow-ups, overdue tasks and the next
 * meeting; a participating organisation sees its cases, its tasks and what it must report
 * on; a caseworker sees none of the secretariat's panels. What a panel shows is a logged
 * read like the list it comes from.
 */
class CaseworkStartPageIntegrationTests extends IntegrationTestEnvironment {

	@Test
	void theSecretariatSeesNewConcernsNewInformationFollowUpsAndOverdueTasks() {
		String cpr = FakeCpr.next();
		String fresh = caseIdOf(submit(cpr, "Ny bekymring"));
		String followedUp = caseIdOf(submit(FakeCpr.next(), "Til opfølgning"));
		String etag = api().as("sekretariat").get("/api/cases/" + followedUp).header("ETag").orElseThrow();
		assertThat(api().as("sekretariat")
			.header("If-Match", etag)
			.put("/api/cases/" + followedUp + "/follow-up", Map.of("date", TestClock.today().toString()))
			.status()).isEqualTo(200);

		Page start = web("sekretariat").get("/");
		assertThat(start.status()).isEqualTo(200);
		assertThat(section(start, "panel-nye")).contains("Nye bekymringer").contains("/sager/" + fresh);
		assertThat(section(start, "panel-opfoelgning")).contains("Til opfølgning i dag")
			.contains("/sager/" + followedUp)
			.contains("Opfølgning på sagen")
			.doesNotContain("/sager/" + fresh);
		assertThat(section(start, "panel-overskredne")).contains("Overskredne opgaver");
		assertThat(jdbc()
			.sql("select count(*) from access_log where case_id = ?::uuid and username = 'sekretariat'"
					+ " and what = 'CASE_LIST' and purpose = 'Forside: nye bekymringer'")
			.param(fresh)
			.query(Long.class)
			.single()).as("the panel's lines are logged reads").isPositive();

		// a second concern about the same person is new information on the case
		assertThat(section(start, "panel-nyeOplysninger")).doesNotContain("/sager/" + fresh);
		submit(cpr, "Endnu en bekymring");
		assertThat(section(web("sekretariat").get("/"), "panel-nyeOplysninger")).contains("/sager/" + fresh);
	}

	@Test
	void aParticipantSeesItsCasesItsTasksAndWhatItMustReportOn() {
		String caseId = caseAwaitingMeeting(false);
		move(caseId, "ACTIVE");
		assertThat(api().as("sekretariat")
			.post("/api/cases/" + caseId + "/participants",
					Map.of("organisation", "KRIMINALFORSORGEN", "legalBasis", "RETSPLEJELOVEN_115", "purpose",
							"Koordinering af indsats"))
			.status()).isEqualTo(201);
		String description = "Samtale om støtte " + System.nanoTime();
		Response task = api().as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks", Map.of("organisation", "KRIMINALFORSORGEN", "description",
					description, "dueDate", TestClock.today().plusDays(7).toString()));
		assertThat(task.status()).isEqualTo(201);
		// other tests leave open tasks for the same organisation and the panel shows the
		// most pressing few: this one is made the oldest due
		jdbc().sql("update case_task set due_date = ? where id = ?::uuid")
			.param(TestClock.today().minusYears(10))
			.param(task.text("/taskId"))
			.update();

		Page start = web("kriminalforsorgen").get("/");
		assertThat(section(start, "panel-organisationensSager")).contains("/sager/" + caseId);
		assertThat(section(start, "panel-opgaver")).contains(description).contains("Planlagt");
		assertThat(section(start, "panel-rapportering")).contains("/sager/" + caseId).contains("Ingen endnu");
		assertThat(start.html()).doesNotContain("id=\"panel-nye\"").doesNotContain("id=\"panel-opfoelgning\"");

		// the task past its due date is the secretariat's overdue task
		jdbc().sql("update case_task set due_date = ? where id = ?::uuid")
			.param(TestClock.today().minusDays(2))
			.param(task.text("/taskId"))
			.update();
		assertThat(section(web("sekretariat").get("/"), "panel-overskredne")).contains("/sager/" + caseId)
			.contains(description);

		assertThat(api().as("kriminalforsorgen")
			.post("/api/cases/" + caseId + "/status-reports",
					Map.of("involvement", "IN_PROGRESS", "text", "Samtaler er i gang"))
			.status()).isEqualTo(201);
		assertThat(section(web("kriminalforsorgen").get("/"), "panel-rapportering")).doesNotContain("/sager/" + caseId);
	}

	@Test
	void aCaseworkerSeesNoneOfTheSecretariatsPanels() {
		Page start = web("buf").get("/");
		assertThat(start.status()).isEqualTo(200);
		assertThat(start.html()).contains("id=\"panel-organisationensSager\"")
			.contains("id=\"panel-opgaver\"")
			.contains("id=\"panel-rapportering\"")
			.doesNotContain("id=\"panel-nye\"")
			.doesNotContain("id=\"panel-nyeOplysninger\"")
			.doesNotContain("id=\"panel-opfoelgning\"")
			.doesNotContain("id=\"panel-overskredne\"")
			.doesNotContain("Nye bekymringer");
	}

	@Test
	void theNextMeetingIsShownToTheSecretariatAndTheInvited() {
		String location = "Mødelokale " + System.nanoTime();
		OffsetDateTime startsAt = TestClock.now()
			.plus(5, ChronoUnit.MINUTES)
			.truncatedTo(ChronoUnit.MINUTES)
			.atOffset(ZoneOffset.UTC);
		Response planned = api().as("sekretariat")
			.post("/api/meetings", Map.of("unit", "KBH", "startsAt", startsAt.toString(), "durationMinutes", 60,
					"location", location, "invited", List.of("KRIMINALFORSORGEN")));
		assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
		try {
			String panel = section(web("sekretariat").get("/"), "panel-naesteMoede");
			assertThat(panel).contains("Næste møde")
				.contains(location)
				.contains(" kl. ")
				.contains("(60 minutter)")
				.contains("Indkaldt");
			assertThat(section(web("kriminalforsorgen").get("/"), "panel-naesteMoede")).contains(location);
			assertThat(web("sof").get("/").html()).doesNotContain(location);
		}
		finally {
			String etag = planned.header("ETag").orElseThrow();
			api().as("sekretariat")
				.header("If-Match", etag)
				.post("/api/meetings/" + planned.text("/meetingId") + "/cancel", Map.of());
		}
	}

	private Response submit(String cpr, String concern) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("cpr", cpr);
		subject.put("name", "Testperson Forside");
		Map<String, Object> referral = new LinkedHashMap<>();
		referral.put("unit", "KBH");
		referral.put("subject", subject);
		referral.put("concern", concern);
		referral.put("category", "OTHER");
		referral.put("legalBasis", "RETSPLEJELOVEN_115");
		referral.put("urgent", false);
		Response receipt = api().as("buf").post("/api/referrals", referral);
		assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
		return receipt;
	}

	private void move(String caseId, String to) {
		String etag = api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
		assertThat(api().as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions", Map.of("to", to, "reason", "Indsats besluttet"))
			.status()).isEqualTo(200);
	}

	/** The panel's section of the start page, from its heading's id to its end. */
	private static String section(Page page, String id) {
		int start = page.html().indexOf("id=\"" + id + "\"");
		assertThat(start).as("panel " + id + " on " + page).isNotNegative();
		int end = page.html().indexOf("</section>", start);
		return page.html().substring(start, end);
	}

}
