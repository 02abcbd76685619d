package dk.coordination.monitoring;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api;
import dk.coordination.support.KeycloakServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus endpoint over real HTTP: readable by the monitoring system's service
 * account only, with Boot's request and pool metrics and the unit's own counters.
 */
class MetricsIntegrationTests extends IntegrationTestEnvironment {

	/** The development secret of client coordination-metrics in keycloak-realm.json. */
	private static final String METRICS_SECRET = "coordination-metrics-development-only";

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	@Autowired
	private HealthEndpointGroups healthGroups;

	@Test
	void theMetricsAreNotPublic() {
		Api.Response anonymous = api().as(null).get("/actuator/prometheus");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.text("/detail"))
			.isEqualTo("A valid bearer token from the coordination realm is required.");
		assertThat(anonymous.body()).doesNotContain("hikaricp");
	}

	@Test
	void norForTheUnitsStaffOrItsAdministrator() {
		for (String user : new String[] { "sekretariat", "admin", "auditor" }) {
			Api.Response refused = api().as(user).get("/actuator/prometheus");
			assertThat(refused.status()).as(user).isEqualTo(403);
			assertThat(refused.text("/detail")).isEqualTo("Your roles do not allow this request.");
		}
	}

	@Test
	void theMonitoringAccountReadsRequestPoolAndJvmMetrics() {
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral("KBH", false)));
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).status()).isEqualTo(200);

		Api.Response scrape = monitoring().get("/actuator/prometheus");

		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		assertThat(scrape.contentType()).startsWith("text/plain");
		Map<Set<String>, Double> reads = samples(scrape.body(), "http_server_requests_seconds_count");
		assertThat(reads.keySet()).as("request counts per endpoint, by its template, not its id")
			.anyMatch((labels) -> labels.containsAll(Set.of("method=GET", "uri=/api/cases/{id}", "status=200")));
		assertThat(scrape.body()).doesNotContain(caseId);
		assertThat(samples(scrape.body(), "http_server_requests_seconds_bucket")).as("latency buckets").isNotEmpty();
		assertThat(samples(scrape.body(), "hikaricp_connections_max").values()).containsExactly(10.0);
		assertThat(samples(scrape.body(), "hikaricp_connections_pending")).isNotEmpty();
		assertThat(samples(scrape.body(), "jvm_memory_used_bytes")).isNotEmpty();
	}

	@Test
	void concernsAndTransitionsAreCounted() {
		Set<String> newCase = Set.of("unit=KBH", "case=new-case", "urgent=true");
		Set<String> screening = Set.of("unit=KBH", "from=RECEIVED", "to=SCREENING");
		Set<String> awaiting = Set.of("unit=KBH", "from=SCREENING", "to=AWAITING_MEETING");
		String before = scrape();

		caseAwaitingMeeting(true);
		Api.Response refused = api().as("buf").post("/api/referrals", Map.of("unit", "KBH"));
		assertThat(refused.status()).isEqualTo(400);

		String after = scrape();
		assertThat(count(after, "coordination_concerns_received_total", newCase)
				- count(before, "coordination_concerns_received_total", newCase))
			.as("concerns received")
			.isEqualTo(1.0);
		assertThat(count(after, "coordination_case_transitions_total", screening)
				- count(before, "coordination_case_transitions_total", screening))
			.isEqualTo(1.0);
		assertThat(count(after, "coordination_case_transitions_total", awaiting)
				- count(before, "coordination_case_transitions_total", awaiting))
			.isEqualTo(1.0);
		assertThat(samples(after, "coordination_mails_failed_total").keySet())
			.containsExactlyInAnyOrder(Set.of("retried=true"), Set.of("retried=false"));
	}

	@Test
	void readinessWaitsForTheDatabaseAndLivenessDoesNot() {
		assertThat(this.healthGroups.get("readiness").isMember("db")).isTrue();
		assertThat(this.healthGroups.get("liveness").isMember("db")).isFalse();
		Api.Response readiness = api().as(null).get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.text("/status")).isEqualTo("UP");
	}

	private String scrape() {
		Api.Response scrape = monitoring().get("/actuator/prometheus");
		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		return scrape.body();
	}

	private Api.Request monitoring() {
		// what a Prometheus server asks for when it scrapes
		return api().withToken(KeycloakServer.shared().serviceAccountToken("coordination-metrics", METRICS_SECRET))
			.header("Accept", "text/plain;version=0.0.4;q=0.9,*/*;q=0.1");
	}

	private static Map<String, Object> referral(String unit, boolean urgent) {
		return Map.of("unit", unit, "subject",
				Map.of("cpr", dk.coordination.support.FakeCpr.next(), "name", "Testperson Fiktiv"), "concern",
				"Fiktiv bekymring til test.", "category", "OTHER", "legalBasis", "RETSPLEJELOVEN_115", "urgent",
				urgent);
	}

	/** A counter's value in a scrape, 0 when the series is not there yet. */
	private static double count(String scrape, String name, Set<String> labels) {
		return samples(scrape, name).entrySet()
			.stream()
			.filter((sample) -> sample.getKey().containsAll(labels))
			.mapToDouble(Map.Entry::getValue)
			.sum();
	}

	/** The samples of one metric in Prometheus' text format: labels as name=value. */
	private static Map<Set<String>, Double> samples(String scrape, String name) {
		return Arrays.stream(scrape.split("\n"))
			.map(SAMPLE::matcher)
			.filter((line) -> line.matches() && line.group(1).equals(name))
			.collect(Collectors.toMap((line) -> labels(line.group(2)), (line) -> Double.parseDouble(line.group(3)),
					Double::sum));
	}

	private static Set<String> labels(String labels) {
		if (labels == null) {
			return Set.of();
		}
		Matcher label = LABEL.matcher(labels);
		Set<String> pairs = new java.util.HashSet<>();
		while (label.find()) {
			pairs.add(label.group(1) + "=" + label.group(2));
		}
		return pairs;
	}

}
