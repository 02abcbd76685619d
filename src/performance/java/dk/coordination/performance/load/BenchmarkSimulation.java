package dk.coordination.performance.load;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What every simulation shares: the running stack, the API with the secretariat's real
 * token, the {@link Levels} of the open workload, and noting when it ran (the report
 * reads the database's completions in that window).
 */
abstract class BenchmarkSimulation extends Simulation {

	final Stack stack = Stack.load();

	/**
	 * Sets the simulation up as the benchmark's secretariat: to be called once from the
	 * subclass's initializer.
	 * @param level the scenario of one level, given its name
	 */
	void load(Function<String, ScenarioBuilder> level, int low, int high, int saturation) {
		load(Stack.USER, level, low, high, saturation);
	}

	/** Sets the simulation up as {@code user} of the benchmark realm. */
	void load(String user, Function<String, ScenarioBuilder> level, int low, int high, int saturation) {
		HttpProtocolBuilder protocol = http.baseUrl(this.stack.api())
			.acceptHeader("application/json")
			.authorizationHeader("Bearer " + this.stack.token(user));
		setUp(Levels.of(level, low, high, saturation)).protocols(protocol);
	}

	/** A feeder that never runs dry. */
	static Iterator<Map<String, Object>> endless(Supplier<Map<String, Object>> next) {
		return Stream.generate(next).iterator();
	}

	@Override
	public void before() {
		this.stack.awaitIdle();
		this.stack.mark(getClass().getSimpleName(), "start");
	}

	@Override
	public void after() {
		this.stack.mark(getClass().getSimpleName(), "end");
	}

}
