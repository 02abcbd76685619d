package dk.coordination.performance.load;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A meeting planned for a typical unit (the median of the data set's twenty, by its
 * secretariat {@code agenda.user}) on its next meeting day after the data set's history
 * ends, then its agenda proposal ({@code POST /agenda/proposal}) and its PDF. Each
 * arrival plans its own meeting, so every proposal drafts a whole agenda: what the unit
 * has awaiting a meeting or due by that day, 811 items on the million-case set. All
 * meetings are on the same day, so the proposals do not grow as the run goes on. Rates
 * are per arrival (three requests each): a unit meets weekly, so even the low level here
 * is years of meetings a minute.
 */
public class AgendaSimulation extends BenchmarkSimulation {

	private final String unit = this.stack.property("agenda.unit");

	private final String invited = this.stack.property("agenda.invited");

	private final LocalDate day = LocalDate.parse(this.stack.property("agenda.date"));

	private final AtomicLong meetings = new AtomicLong();

	{
		load(this.stack.property("agenda.user"), this::level, Integer.getInteger("performance.agenda.low", 1),
				Integer.getInteger("performance.agenda.high", 3),
				Integer.getInteger("performance.agenda.saturation", 10));
	}

	private ScenarioBuilder level(String level) {
		Iterator<Map<String, Object>> times = endless(() -> {
			// a distinct minute of the unit's meeting day for every meeting
			long n = this.meetings.getAndIncrement();
			return Map.of("startsAt",
					this.day.atTime(LocalTime.of(8, 0).plusMinutes(n % 600))
						.atZone(ZoneId.of("Europe/Copenhagen"))
						.toOffsetDateTime()
						.toString());
		});
		return scenario("agenda " + level).feed(times)
			.exec(http("meeting planned @ " + level).post("/meetings")
				.body(StringBody("{\"unit\":\"" + this.unit + "\",\"startsAt\":\"#{startsAt}\",\"durationMinutes\":60,"
						+ "\"location\":\"Benchmark\",\"invited\":[" + this.invited + "]}"))
				.asJson()
				.check(status().is(201), jsonPath("$.meetingId").saveAs("meeting"), header("ETag").saveAs("etag")))
			// without a meeting there is nothing to propose or print
			.exitHereIfFailed()
			.exec(http("agenda proposal @ " + level).post("/meetings/#{meeting}/agenda/proposal")
				.header("If-Match", "#{etag}")
				.body(StringBody("{}"))
				.asJson()
				.check(status().is(200), jsonPath("$.items[199]").exists()))
			.exec(http("agenda PDF @ " + level).get("/meetings/#{meeting}/agenda.pdf")
				.header("Accept", "application/pdf")
				.check(status().is(200), header("Content-Type").is("application/pdf")));
	}

}
