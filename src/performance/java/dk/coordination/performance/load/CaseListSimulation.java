package dk.coordination.performance.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The case list over a million cases, as the secretariat of every unit sees it: page 1,
 * page 10,000 (10 a page) through its keyset cursor (which {@code PerformanceStack} read
 * from the database), and a search by case number in the body. A third of the arrivals
 * each.
 */
public class CaseListSimulation extends BenchmarkSimulation {

	private final String deepCursor = this.stack.property("list.deep.cursor");

	private final String deepPage = this.stack.property("list.deep.page");

	private final String size = this.stack.property("list.page.size");

	private final List<String> caseNumbers = this.stack.lines("case-numbers.csv");

	{
		load(this::level, 200, 1000, Integer.getInteger("performance.list.saturation", 2500));
	}

	private ScenarioBuilder level(String level) {
		return scenario("case list " + level)
			.feed(endless(() -> Map.of("number",
					this.caseNumbers.get(ThreadLocalRandom.current().nextInt(this.caseNumbers.size())))))
			.exec(randomSwitch().on(
					percent(100.0 / 3).then(exec(http("case list page 1 @ " + level).get("/cases?size=" + this.size)
						.check(status().is(200),
								jsonPath("$.items[" + (Integer.parseInt(this.size) - 1) + "].caseId").exists()))),
					percent(100.0 / 3).then(exec(http("case list page " + this.deepPage + " @ " + level)
						.get("/cases?size=" + this.size + "&cursor=" + this.deepCursor)
						.check(status().is(200),
								jsonPath("$.items[" + (Integer.parseInt(this.size) - 1) + "].caseId").exists()))),
					percent(100.0 / 3).then(exec(http("case search by number @ " + level).post("/cases/search")
						.body(StringBody("{\"q\":\"#{number}\"}"))
						.asJson()
						.check(status().is(200), jsonPath("$.items[0].caseNumber").isEL("#{number}"))))));
	}

}
