package dk.coordination.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.casework.CaseStoryIntegrationTests;
import dk.coordination.support.Api;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.Race;
import dk.coordination.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on the two POSTs that create something a client cannot tell
 * apart from a second one: a concern (POST /api/referrals) and a meeting (POST
 * /api/meetings). A retry with the same key gets the first answer and creates nothing
 * twice, whether the first answer was lost on the way or the retry raced the first
 * attempt.
 */
class IdempotencyKeyIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private IdempotentRequests idempotentRequests;

	@Test
	void aReferralWhoseAnswerWasLostIsNotCreatedAgainByItsRetry() throws Exception {
		String key = UUID.randomUUID().toString();
		String concern = concern();
		Map<String, Object> referral = referral(FakeCpr.next(), concern);

		// the client sends the request and the connection breaks before the answer
		// arrives
		sendAndHangUp("/api/referrals", KeycloakServer.shared().tokenFor("buf"), key, Api.json(referral));
		awaitStored(key);

		Api.Response retry = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", referral);

		assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).contains("true");
		String referralId = retry.text("/referralId");
		assertThat(retry.header("Location")).contains("/api/referrals/" + referralId);
		assertThat(referralsOf(concern)).as("referrals sent").containsExactly(UUID.fromString(referralId));
		assertThat(revisionsOfReferral(referralId)).as("the referral's audit revisions").isEqualTo(1);

		// and again: still the same receipt, to the byte
		Api.Response third = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", referral);
		assertThat(third.body()).isEqualTo(retry.body());
	}

	@Test
	void retriesRacingTheFirstAttemptAllGetTheOneMeetingItPlanned() throws Exception {
		String key = "\"" + UUID.randomUUID() + "\"";
		String location = "Mødelokale " + UUID.randomUUID();
		Map<String, Object> meeting = meeting(location);
		// the token first: Keycloak refuses a burst of password grants for one user
		api().as("sekretariat");

		List<Api.Response> answers = Race.of(4,
				() -> api().as("sekretariat").header("Idempotency-Key", key).post("/api/meetings", meeting));

		assertThat(answers).extracting(Api.Response::status).containsOnly(201);
		Set<String> ids = answers.stream().map((answer) -> answer.text("/meetingId")).collect(Collectors.toSet());
		assertThat(ids).as("meeting ids answered").hasSize(1);
		Set<String> etags = answers.stream()
			.map((answer) -> answer.header("ETag").orElseThrow())
			.collect(Collectors.toSet());
		assertThat(etags).as("ETags answered").hasSize(1);
		assertThat(answers.stream().filter((answer) -> answer.header("Idempotent-Replayed").isPresent()))
			.as("replayed answers")
			.hasSize(3);
		assertThat(meetingsAt(location)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherRequestIsRefusedAndCreatesNothing() {
		String key = UUID.randomUUID().toString();
		Api.Response first = api().as("buf")
			.header("Idempotency-Key", key)
			.post("/api/referrals", referral(FakeCpr.next(), concern()));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);

		String otherConcern = concern();
		Api.Response other = api().as("buf")
			.header("Idempotency-Key", key)
			.post("/api/referrals", referral(FakeCpr.next(), otherConcern));

		assertThat(other.status()).as(other.toString()).isEqualTo(422);
		assertThat(other.contentType()).startsWith("application/problem+json");
		assertThat(other.text("/detail")).isEqualTo("This Idempotency-Key was used for another request to "
				+ "POST /api/referrals: send a new key with a new request, and the same request with the same key.");
		assertThat(referralsOf(otherConcern)).isEmpty();
	}

	@Test
	void aKeyIsTheUsersOwn() {
		String key = UUID.randomUUID().toString();
		String concern = concern();
		Map<String, Object> referral = referral(FakeCpr.next(), concern);

		Api.Response fromBuf = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", referral);
		Api.Response fromSof = api().as("sof").header("Idempotency-Key", key).post("/api/referrals", referral);

		assertThat(fromSof.status()).as(fromSof.toString()).isEqualTo(201);
		assertThat(fromSof.header("Idempotent-Replayed")).isEmpty();
		assertThat(fromSof.text("/referralId")).isNotEqualTo(fromBuf.text("/referralId"));
		assertThat(referralsOf(concern)).hasSize(2);
	}

	@Test
	void aRejectedRequestLeavesItsKeyFreeForTheCorrectedOne() {
		String key = UUID.randomUUID().toString();
		Map<String, Object> wrong = referral("310299-1234", concern()); // no 31 February
		Api.Response rejected = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", wrong);
		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);

		String concern = concern();
		Api.Response corrected = api().as("buf")
			.header("Idempotency-Key", key)
			.post("/api/referrals", referral(FakeCpr.next(), concern));

		assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
		assertThat(corrected.header("Idempotent-Replayed")).isEmpty();
		assertThat(referralsOf(concern)).hasSize(1);
	}

	@Test
	void aKeyThatIsNotOneIsABadRequestAndCreatesNothing() {
		String concern = concern();
		Map<String, Object> referral = referral(FakeCpr.next(), concern);
		for (String key : List.of("", "\"\"", "mellem rum", "x".repeat(256))) {
			Api.Response answer = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", referral);

			assertThat(answer.status()).as(key + ": " + answer).isEqualTo(400);
			assertThat(answer.text("/errors/0/field")).isEqualTo("Idempotency-Key");
			assertThat(answer.text("/errors/0/message")).isEqualTo(
					"must be 1 to 255 visible ASCII characters, for example a random UUID, new for every new request");
		}
		assertThat(referralsOf(concern)).isEmpty();
	}

	@Test
	void aKeyIsForgottenAfterADay() {
		String key = UUID.randomUUID().toString();
		String concern = concern();
		Map<String, Object> referral = referral(FakeCpr.next(), concern);
		Api.Response first = api().as("buf").header("Idempotency-Key", key).post("/api/referrals", referral);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		try {
			TestClock.setNow(Instant.now().plus(Duration.ofHours(23)));
			this.idempotentRequests.deleteExpired();
			assertThat(keysStored(key)).as("kept for a day").isEqualTo(1);

			TestClock.setNow(Instant.now().plus(Duration.ofHours(25)));
			this.idempotentRequests.deleteExpired();
			assertThat(keysStored(key)).as("deleted after a day").isZero();
		}
		finally {
			TestClock.reset();
		}
	}

	private static String concern() {
		return "Fiktiv bekymring, måske sendt to gange " + UUID.randomUUID();
	}

	/**
	 * A referral with this concern text, which tells the test's referrals from others'.
	 */
	private static Map<String, Object> referral(String cpr, String concern) {
		Map<String, Object> referral = CaseStoryIntegrationTests.referral(cpr, "OTHER");
		referral.put("concern", concern);
		return referral;
	}

	private static Map<String, Object> meeting(String location) {
		Map<String, Object> meeting = new LinkedHashMap<>();
		meeting.put("unit", "KBH");
		meeting.put("startsAt",
				LocalDate.now()
					.plusDays(20)
					.atTime(LocalTime.of(9, 0))
					.atZone(ZoneId.of("Europe/Copenhagen"))
					.toOffsetDateTime()
					.toString());
		meeting.put("durationMinutes", 60);
		meeting.put("location", location);
		meeting.put("invited", List.of("KBH-POLITI"));
		return meeting;
	}

	/**
	 * Sends the whole request over a plain socket and closes it without reading a byte of
	 * the answer: what a client sees when a proxy or the network drops the answer.
	 */
	private void sendAndHangUp(String path, String token, String key, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nAuthorization: Bearer " + token
				+ "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ bytes.length + "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", port())) {
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
		}
	}

	/**
	 * Waits until the service has committed the request whose answer was lost; the test
	 * cannot learn it from the answer. Bounded, so a request that never commits fails.
	 */
	private void awaitStored(String key) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (keysStored(key) == 0) {
			assertThat(System.nanoTime()).as("the lost request committed within 20 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private long keysStored(String key) {
		return jdbc().sql("select count(*) from idempotency_key where idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

	/** The referrals sent with this concern text: each test's own. */
	private List<UUID> referralsOf(String concern) {
		return jdbc().sql("select id from referral where concern = ?").param(concern).query(UUID.class).list();
	}

	private int revisionsOfReferral(String referralId) {
		return jdbc().sql("select count(*) from referral_aud where id = ?")
			.param(UUID.fromString(referralId))
			.query(Integer.class)
			.single();
	}

	private int meetingsAt(String location) {
		return jdbc().sql("select count(*) from meeting where location = ?")
			.param(location)
			.query(Integer.class)
			.single();
	}

}
