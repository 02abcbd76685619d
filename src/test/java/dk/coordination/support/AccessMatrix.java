package dk.coordination.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import dk.coordination.support.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An access matrix: endpoints × demo users × how each user stands to a fixture, checked
 * against an expected table and written out in full before the test fails, so one run
 * shows every cell that is wrong. Endpoints that read share one fixture per user and
 * relation; endpoints that change something get a fresh fixture per cell, so no answer
 * depends on what another cell did.
 *
 * @param <F> what a fixture holds (ids, ETags)
 */
public final class AccessMatrix<F> {

	/** The demo users of {@code keycloak-realm.json}, in the tables' column order. */
	public static final List<String> USERS = List.of("sekretariat", "politi", "kriminalforsorgen", "buf", "sof",
			"auditor", "admin");

	private final List<String> relations;

	private final Map<String, Endpoint<F>> endpoints = new LinkedHashMap<>();

	public AccessMatrix(List<String> relations) {
		this.relations = relations;
	}

	/**
	 * An endpoint that only reads. {@code call} answers a {@link Response} (its status is
	 * the cell) or a string classifying what a 200 holds.
	 */
	public void read(String name, BiFunction<Api.Request, F, Object> call) {
		this.endpoints.put(name, new Endpoint<>(false, call));
	}

	/** An endpoint that changes something: each cell gets a fixture of its own. */
	public void change(String name, BiFunction<Api.Request, F, Object> call) {
		this.endpoints.put(name, new Endpoint<>(true, call));
	}

	/**
	 * Runs every cell and asserts the table.
	 * @param fixture makes a fixture for (user, relation)
	 * @param report where the whole matrix is written, for reading when a cell fails
	 */
	public void check(Api api, Map<String, List<String>> expected, BiFunction<String, String, F> fixture, String title,
			Path report) throws IOException {
		assertThat(expected.keySet()).as("the table covers exactly the endpoints exercised")
			.containsExactlyElementsOf(this.endpoints.keySet());
		List<String> mismatches = new ArrayList<>();
		StringBuilder lines = new StringBuilder();
		int cells = 0;
		for (String user : USERS) {
			for (int r = 0; r < this.relations.size(); r++) {
				String relation = this.relations.get(r);
				F shared = fixture.apply(user, relation);
				for (Map.Entry<String, Endpoint<F>> endpoint : this.endpoints.entrySet()) {
					F cellFixture = endpoint.getValue().changes() ? fixture.apply(user, relation) : shared;
					String actual = answer(endpoint.getValue().call().apply(api.as(user), cellFixture));
					String wanted = expected.get(endpoint.getKey())
						.get(USERS.indexOf(user) * this.relations.size() + r);
					cells++;
					lines.append("%-22s %-18s %-5s expected %-8s got %s%n".formatted(endpoint.getKey(), user, relation,
							wanted, actual));
					if (!wanted.equals(actual)) {
						mismatches.add(endpoint.getKey() + " as " + user + " (" + relation + "): expected " + wanted
								+ ", got " + actual);
					}
				}
			}
		}
		Files.writeString(report,
				"%s: %d endpoints x %d users x %d relations = %d cells, %d mismatches%n%n%s".formatted(title,
						this.endpoints.size(), USERS.size(), this.relations.size(), cells, mismatches.size(), lines));
		assertThat(cells).isEqualTo(this.endpoints.size() * USERS.size() * this.relations.size());
		assertThat(mismatches).isEmpty();
	}

	/** Rows of "name cell cell …"; lines starting with # are comments. */
	public Map<String, List<String>> parse(String table, int columns) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		table.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")).forEach((line) -> {
			List<String> cells = List.of(line.split("\\s+"));
			assertThat(cells).as(line).hasSize(1 + columns);
			rows.put(cells.get(0), cells.subList(1, cells.size()));
		});
		return rows;
	}

	/** A classification of a 200's body; any other answer stands as its status. */
	public static Object body(Response response, Function<JsonNode, String> classify) {
		return (response.status() == 200) ? classify.apply(response.json()) : response;
	}

	// every refusal must be a problem, whatever the endpoint produces when it succeeds
	private static String answer(Object result) {
		if (result instanceof Response response) {
			if (response.status() >= 400) {
				assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
			}
			return String.valueOf(response.status());
		}
		return (String) result;
	}

	private record Endpoint<F>(boolean changes, BiFunction<Api.Request, F, Object> call) {
	}

}
