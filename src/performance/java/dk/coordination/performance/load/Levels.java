package dk.coordination.performance.load;

import java.util.function.Function;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * The open workload every simulation runs: new requests arrive at a fixed rate whatever
 * the service's answers take (a closed loop would slow down with the service and hide its
 * queueing). Two fixed levels, each measured on its own (requests are named after their
 * level), then a ramp well past what the service can take: the most responses it
 * completes per second on that ramp is its throughput at saturation, which the report
 * reads from the database's own timestamps.
 */
final class Levels {

	private Levels() {
	}

	/**
	 * @param scenario builds the scenario of one level, given its name (such as
	 * {@code "200/s"}), which goes into every request name
	 * @param low the first fixed rate per second
	 * @param high the second fixed rate
	 * @param saturation where the final ramp ends
	 */
	static PopulationBuilder of(Function<String, ScenarioBuilder> scenario, int low, int high, int saturation) {
		int seconds = Stack.levelSeconds();
		// the JIT compiles the paths this simulation takes before they are measured,
		// as it has in a service that has been running for a while
		return scenario.apply("warm-up")
			.injectOpen(constantUsersPerSec(Math.max(1, low / 2)).during(seconds))
			.andThen(scenario.apply(low + "/s").injectOpen(nothingFor(2), constantUsersPerSec(low).during(seconds)))
			.andThen(scenario.apply(high + "/s").injectOpen(nothingFor(2), constantUsersPerSec(high).during(seconds)))
			.andThen(scenario.apply("saturation")
				.injectOpen(nothingFor(2), rampUsersPerSec(low).to(saturation).during(seconds)));
	}

}
