package dk.coordination.performance.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code GET /api/cases/{id}} of a random case of the million, each with its read logged
 * and sealed, as the secretariat.
 */
public class CaseReadSimulation extends BenchmarkSimulation {

	private final List<String> cases = this.stack.lines("cases.csv");

	{
		load(this::level, 200, 1000, Integer.getInteger("performance.read.saturation", 2500));
	}

	@Override
	public void before() {
		super.before();
		// where a read's CPU goes: JFR's profile settings while this simulation runs
		this.stack.jcmd("JFR.start", "name=case-read", "settings=profile");
	}

	@Override
	public void after() {
		super.after();
		this.stack.jcmd("JFR.stop", "name=case-read", "filename=" + this.stack.directory.resolve("case-read.jfr"));
	}

	private ScenarioBuilder level(String level) {
		return scenario("case by id " + level)
			.feed(endless(() -> Map.of("case", this.cases.get(ThreadLocalRandom.current().nextInt(this.cases.size())))))
			.exec(http("case by id @ " + level).get("/cases/#{case}")
				.check(status().is(200), jsonPath("$.caseId").isEL("#{case}")));
	}

}
