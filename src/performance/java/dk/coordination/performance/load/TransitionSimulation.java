package dk.coordination.performance.load;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code POST /api/cases/{id}/transitions} between ACTIVE and MONITORING, each an Envers
 * revision with its history rows and a seal. Every case is moved once per pass over the
 * feeder, so no two requests in flight compete for one case (that would measure
 * optimistic-lock conflicts, not the write); each pass moves a case back.
 */
public class TransitionSimulation extends BenchmarkSimulation {

	private final List<String[]> cases = this.stack.lines("transitions.csv")
		.stream()
		.map((line) -> line.split(","))
		.toList();

	private final AtomicLong next = new AtomicLong();

	private final java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

	{
		load(this::level, 200, 1000, Integer.getInteger("performance.transition.saturation", 2000));
	}

	private ScenarioBuilder level(String level) {
		Iterator<Map<String, Object>> feeder = endless(() -> {
			long n;
			String[] row;
			do {
				n = this.next.getAndIncrement();
				row = this.cases.get((int) (n % this.cases.size()));
			}
			// a case whose move failed is at a version the passes no longer know
			while (this.failed.contains(row[0]) && this.failed.size() < this.cases.size());
			long pass = n / this.cases.size();
			// the status it was in at the start, flipped on every pass; each move adds
			// one to the case's version, its ETag
			boolean active = row[1].equals("ACTIVE") != (pass % 2 == 1);
			return Map.of("case", row[0], "to", active ? "MONITORING" : "ACTIVE", "etag",
					"\"" + (Long.parseLong(row[2]) + pass) + "\"");
		});
		return scenario("transition " + level).feed(feeder)
			.exec(http("transition @ " + level).post("/cases/#{case}/transitions")
				.header("If-Match", "#{etag}")
				.body(StringBody("{\"to\":\"#{to}\",\"reason\":\"Benchmark: fulgt op på mødet\"}"))
				.asJson()
				.check(status().is(200), jsonPath("$.status").isEL("#{to}")))
			.exec((session) -> {
				if (session.isFailed()) {
					this.failed.add(session.getString("case"));
				}
				return session;
			});
	}

}
