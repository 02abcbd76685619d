package dk.coordination.personaldata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dk.coordination.CoordinationApplication;
import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.audit.ReadPurpose;
import dk.coordination.support.Api;
import dk.coordination.support.Api.Response;
import dk.coordination.support.AuditTrail;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.KeycloakServer;
import dk.coordination.support.Race;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotation while concerns keep arriving, as production would do it: every instance
 * knows the new key (here: the shared test context, with {@code dev2} configured but
 * {@code k1} current), then an instance restarted with the new key current takes intake
 * and re-keys everything stored, batch by batch, while it takes concerns about the same
 * and about new persons.
 * <p>
 * The rotated instance is a second application on the same database and Keycloak. What it
 * leaves under {@code dev2} the shared context still reads, so the test classes that run
 * after this one are not affected.
 */
class CprKeyRotationIntegrationTests extends IntegrationTestEnvironment {

	private static final String BEFORE = "Inden noegleskift";

	private static final String DURING = "Under noegleskift";

	private static final String AFTER = "Efter noegleskift";

	@Test
	void aRotationInTheMiddleOfIntakeLosesNobodyAndGivesNobodyASecondCase() throws Exception {
		// before: the instance with k1 current takes concerns and its cases are read
		List<String> earlier = List.of(FakeCpr.next(), FakeCpr.next(), FakeCpr.next(), FakeCpr.next());
		// a person whose case nobody touches during the rotation
		String quiet = FakeCpr.next();
		Map<String, String> caseOf = new ConcurrentHashMap<>();
		for (String cpr : concat(earlier, List.of(quiet))) {
			String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(cpr, "OTHER")));
			caseOf.put(cpr, caseId);
			read(api(), caseId, BEFORE);
		}
		Response byPersonBefore = api().as("auditor")
			.post("/api/audit/access-log/search", Map.of("cpr", earlier.get(0)));
		assertThat(byPersonBefore.status()).as(byPersonBefore.toString()).isEqualTo(200);
		String etagBefore = api().as("sekretariat").get("/api/cases/" + caseOf.get(quiet)).header("ETag").orElseThrow();
		assertThat(storedHash(caseOf.get(earlier.get(0)))).startsWith("k1:");

		try (ConfigurableApplicationContext rotated = instanceWithCurrentKey("dev2")) {
			Api next = new Api("http://127.0.0.1:" + rotated.getEnvironment().getProperty("local.server.port"),
					KeycloakServer.shared());
			CprProtector keys = rotated.getBean(CprProtector.class);
			assertThat(keys.currentKeyId()).isEqualTo("dev2");
			List<String> newcomers = List.of(FakeCpr.next(), FakeCpr.next(), FakeCpr.next(), FakeCpr.next());

			// the race: one contender rotates one small batch at a time (for at most 20
			// batches, so the test stays short however much the shared database holds),
			// the others each bring a concern about an earlier person and one about a new
			// person, and read what they find
			AtomicInteger contenders = new AtomicInteger();
			List<Long> rekeyed = Race.of(1 + earlier.size(), () -> {
				int contender = contenders.getAndIncrement();
				if (contender == 0) {
					long cases = 0;
					for (int batch = 0; batch < 20; batch++) {
						Response run = next.as("admin").post("/api/admin/cpr-keys/rotation", Map.of("maxBatches", 1));
						assertThat(run.status()).as(run.toString()).isEqualTo(200);
						cases += run.json().get("cases").asLong();
						if (run.json().get("complete").asBoolean()) {
							break;
						}
					}
					return cases;
				}
				for (String cpr : List.of(earlier.get(contender - 1), newcomers.get(contender - 1))) {
					String caseId = caseIdOf(next.as("buf").post("/api/referrals", referral(cpr, "OTHER")));
					caseOf.putIfAbsent(cpr, caseId);
					read(next, caseId, DURING);
				}
				return 0L;
			});
			// (which contender rotated is decided as they start; the others count 0)
			assertThat(rekeyed.stream().mapToLong(Long::longValue).sum()).isPositive();
			Response finished = next.as("admin").post("/api/admin/cpr-keys/rotation", null);
			assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
			assertThat(finished.json().get("complete").asBoolean()).isTrue();

			for (String cpr : concat(earlier, newcomers, List.of(quiet))) {
				List<String> hashes = keys.hashes(CprNumber.parse(cpr));
				String current = hashes.get(0);
				String previous = hashes.get(1);
				assertThat(previous).startsWith("k1:");
				// one case per person, the earlier persons' concerns attached to theirs
				assertThat(jdbc().sql("select id from concern_case where subject_cpr_hash in (:hashes)")
					.param("hashes", hashes)
					.query(UUID.class)
					.list()).as(cpr).containsExactly(UUID.fromString(caseOf.get(cpr)));
				// nothing under the earlier key anywhere, the current key's hash
				// everywhere
				assertThat(rowsWithHash(previous)).as(cpr).isEqualTo(List.of(0L, 0L, 0L));
				List<Long> underCurrent = rowsWithHash(current);
				assertThat(underCurrent.get(0)).as(cpr).isOne();
				assertThat(underCurrent.get(1)).as(cpr).isPositive();
				// (reads logged during the race may have carried k1 after their case was
				// re-keyed; the log entries are found by their case, so none are left)
				assertThat(underCurrent.get(2)).as(cpr).isPositive();
				// every case decrypts to its person, in both instances
				read(next, caseOf.get(cpr), AFTER);
				for (Api instance : List.of(next, api())) {
					Response seen = instance.as("sekretariat").get("/api/cases/" + caseOf.get(cpr));
					assertThat(seen.text("/subject/cpr")).isEqualTo(cpr);
				}
			}
			String caseIdOfFirst = caseOf.get(earlier.get(0));
			assertThat(jdbc().sql("select count(*) from referral where case_id = ?::uuid")
				.param(caseIdOfFirst)
				.query(Long.class)
				.single()).isEqualTo(2);

			// the auditor finds the reads of a person from before, during and after
			Response byPerson = next.as("auditor")
				.post("/api/audit/access-log/search", Map.of("cpr", earlier.get(0), "limit", 1000));
			assertThat(byPerson.json().findValuesAsString("purpose")).contains(BEFORE, DURING, AFTER)
				.contains("Tilsyn med adgang til personoplysninger");

			// a re-key is no change of the case: an edit begun before it is not stale,
			// and the edit leaves the re-keyed columns as they are
			Response moved = next.as("sekretariat")
				.header("If-Match", etagBefore)
				.post("/api/cases/" + caseOf.get(quiet) + "/transitions",
						Map.of("to", "SCREENING", "reason", "Screening"));
			assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
			assertThat(storedHash(caseOf.get(quiet))).isEqualTo(keys.hash(CprNumber.parse(quiet)));

			// what is left under k1 is at most log entries about persons without a case
			JsonNode remaining = next.as("admin").get("/api/admin/cpr-keys/rotation").json();
			assertThat(remaining.get("currentKey").asString()).isEqualTo("dev2");
			assertThat(remaining.get("done").asBoolean()).as(remaining.toString()).isTrue();
			JsonNode k1 = remaining.get("keys")
				.valueStream()
				.filter((key) -> key.get("id").asString().equals("k1"))
				.findFirst()
				.orElseThrow();
			assertThat(k1.get("cases").asLong()).isZero();
			assertThat(k1.get("caseRevisions").asLong()).isZero();
			assertThat(k1.get("accessLogEntries").asLong()).isEqualTo(k1.get("accessLogEntriesWithoutCase").asLong());

			// the re-keyed revisions and reads were sealed again, in the same
			// transactions
			AuditTrail.assertIntact(next);
		}
	}

	@Test
	void theRotationIsTheAdministratorsAndSaysWhatIsWrongWithARequest() {
		Response notAdmin = api().as("sekretariat").get("/api/admin/cpr-keys/rotation");
		assertThat(notAdmin.status()).isEqualTo(403);
		Response zero = api().as("admin").post("/api/admin/cpr-keys/rotation", Map.of("maxBatches", 0));
		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.body()).contains("maxBatches").contains("must be at least 1");
		JsonNode remaining = api().as("admin").get("/api/admin/cpr-keys/rotation").json();
		assertThat(remaining.get("currentKey").asString()).isEqualTo("k1");
		assertThat(remaining.get("keys").findValuesAsString("id")).contains("k1", "dev2");
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		return Stream.of(lists).flatMap(List::stream).toList();
	}

	private static void read(Api instance, String caseId, String purpose) {
		Response read = instance.as("sekretariat").header(ReadPurpose.HEADER, purpose).get("/api/cases/" + caseId);
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
	}

	private String storedHash(String caseId) {
		return jdbc().sql("select subject_cpr_hash from concern_case where id = ?::uuid")
			.param(caseId)
			.query(String.class)
			.single();
	}

	/** Rows carrying the hash in concern_case, concern_case_aud and access_log. */
	private List<Long> rowsWithHash(String hash) {
		return List.of("concern_case", "concern_case_aud", "access_log")
			.stream()
			.map((table) -> jdbc().sql("select count(*) from " + table + " where subject_cpr_hash = ?")
				.param(hash)
				.query(Long.class)
				.single())
			.toList();
	}

	/**
	 * A second instance of the service on the shared database and Keycloak, restarted
	 * with another key current, rotating in small batches so the race sees many of them.
	 */
	private static ConfigurableApplicationContext instanceWithCurrentKey(String keyId) {
		SpringApplication application = new SpringApplication(CoordinationApplication.class);
		application.setAdditionalProfiles("dev");
		application.setRegisterShutdownHook(false);
		Map<String, Object> arguments = new HashMap<>(EmbeddedDatabase.shared().applicationProperties());
		arguments.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", KeycloakServer.shared().issuerUri());
		arguments.put("spring.mail.host", "127.0.0.1");
		arguments.put("spring.mail.port", MAIL.getSmtp().getPort());
		arguments.put("server.address", "127.0.0.1");
		arguments.put("server.port", 0);
		arguments.put("coordination.cpr.current-key", keyId);
		arguments.put("coordination.cpr.rotation.batch-size", 2);
		// as command-line arguments, which win over application-dev.yml
		return application.run(arguments.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

}
