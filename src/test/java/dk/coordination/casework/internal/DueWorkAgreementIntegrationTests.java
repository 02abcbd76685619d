package dk.coordination.casework.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.casework.AgendaCandidate;
import dk.coordination.casework.AgendaReason;
import dk.coordination.casework.CaseAgenda;
import dk.coordination.casework.DueWorkFound;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static dk.coordination.casework.CaseStoryIntegrationTests.transition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follow-up list, the daily job and the agenda proposal read "what is due" from one
 * definition: on the same data and the same day they find the same cases, including the
 * edges where they used to disagree (a follow-up date on a case that is neither active
 * nor monitored, an unfinished task on a closed case, a task due that very day).
 */
class DueWorkAgreementIntegrationTests extends IntegrationTestEnvironment {

	private static final LocalDate DAY = LocalDate.of(2031, 6, 10);

	@Autowired
	private DueWorkJob job;

	@Autowired
	private CaseAgenda agenda;

	@AfterEach
	void realTime() {
		TestClock.reset();
	}

	@Test
	void theFollowUpListTheDailyJobAndTheProposalAgree() {
		// a review falls due six months after closing
		TestClock.setToday(DAY.minusMonths(6));
		String reviewed = submit();
		close(reviewed);

		TestClock.setToday(DAY.minusDays(10));
		String received = submit();
		followUpOn(received, DAY.minusDays(2));
		String overdue = submit();
		task(overdue, DAY.minusDays(1));
		String dueToday = submit();
		task(dueToday, DAY);
		followUpOn(dueToday, DAY.plusDays(1));
		String closedWithWork = submit();
		task(closedWithWork, DAY.minusDays(5));
		followUpOn(closedWithWork, DAY.minusDays(3));
		close(closedWithWork);

		TestClock.setToday(DAY);
		Response list = api().as("sekretariat").get("/api/follow-ups");
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		List<JsonNode> listed = list.json()
			.valueStream()
			.filter((item) -> item.get("unit").asString().equals("KBH"))
			.toList();
		List<AgendaCandidate> candidates = this.agenda.candidatesFor("KBH", DAY);
		DueWorkFound counted = this.job.dueWork(DAY)
			.stream()
			.filter((found) -> found.unitCode().equals("KBH"))
			.findFirst()
			.orElseThrow();

		Set<String> followUps = listedCases(listed, "CASE_FOLLOW_UP");
		Set<String> tasks = listedCases(listed, "OVERDUE_TASK");
		Set<String> reviews = listedCases(listed, "REVIEW_DUE");
		assertThat(followUps).contains(received).doesNotContain(dueToday, closedWithWork, overdue);
		assertThat(tasks).contains(overdue).doesNotContain(dueToday, closedWithWork, received);
		assertThat(reviews).contains(reviewed).doesNotContain(closedWithWork);

		assertThat(proposed(candidates, AgendaReason.FOLLOW_UP_DUE)).isEqualTo(followUps);
		assertThat(proposed(candidates, AgendaReason.OVERDUE_TASKS)).isEqualTo(tasks);
		assertThat(proposed(candidates, AgendaReason.REVIEW_DUE)).isEqualTo(reviews);

		assertThat(counted.dueFollowUps()).isEqualTo(count(listed, "CASE_FOLLOW_UP"));
		assertThat(counted.overdueTasks()).isEqualTo(count(listed, "OVERDUE_TASK"));
		assertThat(counted.dueReviews()).isEqualTo(count(listed, "REVIEW_DUE"));
	}

	private static Set<String> listedCases(List<JsonNode> listed, String kind) {
		Set<String> cases = new TreeSet<>();
		listed.stream()
			.filter((item) -> item.get("kind").asString().equals(kind))
			.forEach((item) -> cases.add(item.get("caseId").asString()));
		return cases;
	}

	private static int count(List<JsonNode> listed, String kind) {
		return (int) listed.stream().filter((item) -> item.get("kind").asString().equals(kind)).count();
	}

	private static Set<String> proposed(List<AgendaCandidate> candidates, AgendaReason reason) {
		Set<String> cases = new TreeSet<>();
		candidates.stream()
			.filter((candidate) -> candidate.reasons().contains(reason))
			.forEach((candidate) -> cases.add(candidate.caseId().toString()));
		return cases;
	}

	private String submit() {
		Response created = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return caseIdOf(created);
	}

	private void followUpOn(String caseId, LocalDate date) {
		Response followUp = api().as("sekretariat")
			.header("If-Match", etag(caseId))
			.put("/api/cases/" + caseId + "/follow-up", Map.of("date", date.toString()));
		assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
	}

	private void task(String caseId, LocalDate due) {
		List<Response> responses = new ArrayList<>();
		if (api().as("sekretariat").get("/api/cases/" + caseId + "/participants").json().isEmpty()) {
			responses.add(api().as("sekretariat")
				.post("/api/cases/" + caseId + "/participants", Map.of("organisation", "KRIMINALFORSORGEN",
						"legalBasis", "RETSPLEJELOVEN_115", "purpose", "Koordinering af indsatsen")));
		}
		responses.add(api().as("sekretariat")
			.post("/api/cases/" + caseId + "/tasks",
					Map.of("organisation", "KRIMINALFORSORGEN", "description", "Samtale", "dueDate", due.toString())));
		responses.forEach((response) -> assertThat(response.status()).as(response.toString()).isEqualTo(201));
	}

	private void close(String caseId) {
		Response closed = api().as("sekretariat")
			.header("If-Match", etag(caseId))
			.post("/api/cases/" + caseId + "/transitions", transition("CLOSED", "NO_CONCERN"));
		assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
	}

	private String etag(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).header("ETag").orElseThrow();
	}

}
