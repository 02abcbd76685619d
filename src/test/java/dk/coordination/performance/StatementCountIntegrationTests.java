package dk.coordination.performance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.StatementCounter;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL statements an endpoint runs do not grow with the size of its answer: a page of
 * 100 cases costs what a page of one does. Counted per request by
 * {@link StatementCounter}; the exact figures are the budget, so a change that adds a
 * statement to every request shows here too (docs/performance.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementCountIntegrationTests extends IntegrationTestEnvironment {

	/*
	 * The budgets, as docs/performance.md lists them. Every read of personal data ends
	 * with three statements of the audit chain: its digests, its lock and head, its seal.
	 */

	/** The access check's units, the page with its urgent flags, the read log. */
	private static final int CASE_LIST = 3 + 2;

	/**
	 * The case with its referrals; its unit with whether the caller is a department of
	 * its municipality; its participants (whether the caller is one, and what the view
	 * shows); the read log; the person's other cases, tasks, status reports.
	 */
	private static final int CASE = 7 + 2;

	/** The caller's secretariat units; the meetings with their invitees and attendees. */
	private static final int MEETING_LIST = 2;

	/**
	 * The case with its referrals, its unit with department?, its participants; the
	 * case's and (for a case's first steps) its referral's UPDATE; the case shown again
	 * as on a read (the read log, the person's other cases, tasks, status reports); the
	 * revision with the case's and the referral's history rows; the revision's digests,
	 * lock and seal.
	 */
	private static final int TRANSITION = 15;

	/**
	 * The meeting; the caller's units; the items; the cases with their participants; the
	 * read log.
	 */
	private static final int AGENDA = 5 + 2;

	/**
	 * The meeting and its unit, the draft's items, the candidates, the briefs of both
	 * (the cases with their participants); the meeting's version and agenda; the items in
	 * one batch; the read log of the draft shown from what the change holds; the ETag's
	 * version; the revision with the items' and the meeting's history (one batch each);
	 * the revision's digests, lock and seal.
	 */
	private static final int PROPOSAL = 15;

	private static final int MEETINGS = 50;

	private final List<String> caseIds = new ArrayList<>();

	private final List<String> meetingIds = new ArrayList<>();

	/**
	 * A hundred new cases; fifty meetings on the days from 3 January 2033, a year no
	 * other test plans in; on the first an agenda of 200 items (the hundred cases and a
	 * hundred free items), on the second one of a single case.
	 */
	@BeforeAll
	void casesMeetingsAndAgendas() {
		for (int i = 0; i < 100; i++) {
			this.caseIds.add(caseIdOf(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER"))));
		}
		LocalDate first = LocalDate.of(2033, 1, 3);
		for (int day = 0; day < MEETINGS; day++) {
			Map<String, Object> meeting = new LinkedHashMap<>();
			meeting.put("unit", "KBH");
			meeting.put("startsAt", first.plusDays(day) + "T09:00:00+01:00");
			meeting.put("durationMinutes", 120);
			meeting.put("location", "Københavns Rådhus, mødelokale 3");
			meeting.put("invited", List.of("KK-BUF", "KRIMINALFORSORGEN"));
			Response planned = api().as("sekretariat").post("/api/meetings", meeting);
			assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
			this.meetingIds.add(planned.text("/meetingId"));
		}
		String etag = etag(this.meetingIds.get(0));
		for (int i = 0; i < 200; i++) {
			Map<String, Object> item = (i % 2 == 0) ? Map.of("caseId", this.caseIds.get(i / 2))
					: Map.of("title", "Orientering " + i);
			etag = ok(api().as("sekretariat")
				.header("If-Match", etag)
				.post("/api/meetings/" + this.meetingIds.get(0) + "/agenda/items", item)).header("ETag").orElseThrow();
		}
		ok(api().as("sekretariat")
			.header("If-Match", etag(this.meetingIds.get(1)))
			.post("/api/meetings/" + this.meetingIds.get(1) + "/agenda/items", Map.of("caseId", this.caseIds.get(0))));
	}

	@Test
	void aPageOfAHundredCasesCostsWhatAPageOfOneDoes() {
		Response one = ok(api().as("sekretariat").get("/api/cases?size=1"));
		Response hundred = ok(api().as("sekretariat").get("/api/cases?size=100"));
		assertThat(hundred.json().get("items").size()).isEqualTo(100);
		assertThat(statements(hundred)).as(String.join("\n", statements(hundred))).hasSameSizeAs(statements(one));
		assertThat(statements(one)).as(String.join("\n", statements(one))).hasSizeLessThanOrEqualTo(CASE_LIST);
	}

	@Test
	void aLaterPageAndASearchCostWhatTheFirstPageDoes() {
		Response first = ok(api().as("sekretariat").get("/api/cases?size=10"));
		String cursor = first.text("/nextCursor");
		Response later = ok(api().as("sekretariat").get("/api/cases?size=10&cursor=" + cursor));
		assertThat(later.json().get("items").get(0).get("createdAt").asString())
			.isLessThanOrEqualTo(first.json().get("items").get(9).get("createdAt").asString());
		String number = first.text("/items/0/caseNumber");
		Response search = ok(api().as("sekretariat").post("/api/cases/search", Map.of("q", number)));
		assertThat(search.json().get("items").size()).isEqualTo(1);
		assertThat(search.text("/items/0/caseNumber")).isEqualTo(number);
		assertThat(statements(later)).as(String.join("\n", statements(later))).hasSameSizeAs(statements(first));
		assertThat(statements(search)).as(String.join("\n", statements(search))).hasSizeLessThanOrEqualTo(CASE_LIST);
	}

	@Test
	void aTransitionCostsAFixedNumberOfStatements() {
		String caseId = this.caseIds.get(99);
		String etag = ok(api().as("sekretariat").get("/api/cases/" + caseId)).header("ETag").orElseThrow();
		Response moved = ok(api().as("sekretariat")
			.header("If-Match", etag)
			.post("/api/cases/" + caseId + "/transitions", Map.of("to", "SCREENING", "reason", "Vurderes")));
		assertThat(moved.text("/status")).isEqualTo("SCREENING");
		assertThat(statements(moved)).as(String.join("\n", statements(moved))).hasSizeLessThanOrEqualTo(TRANSITION);
	}

	@Test
	void aCaseCostsAFixedNumberOfStatements() {
		Response read = ok(api().as("sekretariat").get("/api/cases/" + this.caseIds.get(0)));
		assertThat(statements(read)).as(String.join("\n", statements(read))).hasSizeLessThanOrEqualTo(CASE);
	}

	@Test
	void fiftyMeetingsCostWhatOneDoes() {
		Response one = ok(api().as("sekretariat").get("/api/meetings?unit=KBH&from=2033-01-03&to=2033-01-04"));
		Response fifty = ok(api().as("sekretariat").get("/api/meetings?unit=KBH&from=2033-01-03&to=2033-02-22"));
		assertThat(one.json().size()).isEqualTo(1);
		assertThat(fifty.json().size()).isEqualTo(MEETINGS);
		assertThat(fifty.json().get(49).get("invited").size()).isEqualTo(2);
		assertThat(statements(fifty)).as(String.join("\n", statements(fifty))).hasSameSizeAs(statements(one));
		assertThat(statements(one)).as(String.join("\n", statements(one))).hasSizeLessThanOrEqualTo(MEETING_LIST);
	}

	@Test
	void anAgendaOf200ItemsCostsWhatOneOfOneDoes() {
		Response big = ok(api().as("sekretariat").get("/api/meetings/" + this.meetingIds.get(0) + "/agenda"));
		Response small = ok(api().as("sekretariat").get("/api/meetings/" + this.meetingIds.get(1) + "/agenda"));
		assertThat(big.json().get("items").size()).isEqualTo(200);
		assertThat(small.json().get("items").size()).isEqualTo(1);
		assertThat(statements(big)).as(String.join("\n", statements(big))).hasSameSizeAs(statements(small));
		assertThat(statements(small)).as(String.join("\n", statements(small))).hasSizeLessThanOrEqualTo(AGENDA);
	}

	@Test
	void aProposalOf200ItemsCostsWhatOneOfOneItemDoes() {
		String meeting = "/api/meetings/" + this.meetingIds.get(2);
		// a draft that has a case already, as the second proposal's has: a proposal reads
		// the briefs of the cases on the draft, which an empty draft has none of
		ok(api().as("sekretariat")
			.header("If-Match", etag(this.meetingIds.get(2)))
			.post(meeting + "/agenda/items", Map.of("caseId", this.caseIds.get(0))));
		// the cases other tests left awaiting a meeting go on first, so that the next
		// proposals add exactly the cases made here
		int before = ok(api().as("sekretariat")
			.header("If-Match", etag(this.meetingIds.get(2)))
			.post(meeting + "/agenda/proposal", Map.of())).json().get("items").size();
		for (int i = 0; i < 200; i++) {
			caseAwaitingMeeting(false);
		}
		Response many = ok(api().as("sekretariat")
			.header("If-Match", etag(this.meetingIds.get(2)))
			.post(meeting + "/agenda/proposal", Map.of()));
		int proposed = many.json().get("items").size();
		assertThat(proposed).isEqualTo(before + 200);

		caseAwaitingMeeting(false);
		Response one = ok(api().as("sekretariat")
			.header("If-Match", etag(this.meetingIds.get(2)))
			.post(meeting + "/agenda/proposal", Map.of()));
		assertThat(one.json().get("items").size()).isEqualTo(proposed + 1);
		assertThat(statements(many)).as(String.join("\n", statements(many))).hasSameSizeAs(statements(one));
		assertThat(statements(one)).as(String.join("\n", statements(one))).hasSizeLessThanOrEqualTo(PROPOSAL);
	}

	private String etag(String meetingId) {
		return ok(api().as("sekretariat").get("/api/meetings/" + meetingId)).header("ETag").orElseThrow();
	}

	private static Response ok(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private static List<String> statements(Response response) {
		return StatementCounter.statementsOf(response.header("X-Request-Id").orElseThrow());
	}

}
