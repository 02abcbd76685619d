package dk.coordination.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests to the running service with real
 * Keycloak tokens, answers parsed as JSON trees so the assertions read the wire format,
 * not our records.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final KeycloakServer keycloak;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	public Api(String baseUrl, KeycloakServer keycloak) {
		this.baseUrl = baseUrl;
		this.keycloak = keycloak;
	}

	/** Requests as a demo user; {@code null} sends no token at all. */
	public Request as(String username) {
		return new Request((username != null) ? this.tokens.computeIfAbsent(username, this.keycloak::tokenFor) : null);
	}

	/** Requests with this exact Authorization bearer value (e.g. a forged one). */
	public Request withToken(String token) {
		return new Request(token);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	public final class Request {

		private final String token;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Request(String token) {
			this.token = token;
		}

		public Request header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Response get(String path) {
			return send("GET", path, null);
		}

		public Response post(String path, Object body) {
			return send("POST", path, (body instanceof String text) ? text : json(body));
		}

		public Response put(String path, Object body) {
			return send("PUT", path, (body instanceof String text) ? text : json(body));
		}

		public Response delete(String path) {
			return send("DELETE", path, null);
		}

		public Response patch(String path, Object body) {
			return send("PATCH", path, (body instanceof String text) ? text : json(body));
		}

		private Response send(String method, String path, String body) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Api.this.baseUrl + path))
				.method(method,
						(body != null) ? HttpRequest.BodyPublishers.ofString(body)
								: HttpRequest.BodyPublishers.noBody())
				.header("Accept", "application/json, application/problem+json");
			if (body != null) {
				builder.header("Content-Type", "application/json");
			}
			if (this.token != null) {
				builder.header("Authorization", "Bearer " + this.token);
			}
			// a test's own header (Accept for a PDF, say) replaces the default
			this.headers.forEach(builder::setHeader);
			try {
				HttpResponse<byte[]> response = Api.this.http.send(builder.build(),
						HttpResponse.BodyHandlers.ofByteArray());
				return new Response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException(method + " " + path + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	public static final class Response {

		private final HttpResponse<byte[]> response;

		private JsonNode json;

		Response(HttpResponse<byte[]> response) {
			this.response = response;
		}

		public int status() {
			return this.response.statusCode();
		}

		public Optional<String> header(String name) {
			return this.response.headers().firstValue(name);
		}

		public String contentType() {
			return header("Content-Type").orElse("");
		}

		public String body() {
			return new String(this.response.body(), java.nio.charset.StandardCharsets.UTF_8);
		}

		/** The body as sent, for binary answers such as PDF. */
		public byte[] bytes() {
			return this.response.body();
		}

		public JsonNode json() {
			if (this.json == null) {
				this.json = JSON.readTree(body());
			}
			return this.json;
		}

		/** Text of a field by JSON pointer, e.g. {@code /subject/cpr}. */
		public String text(String pointer) {
			return json().at(pointer).asString();
		}

		@Override
		public String toString() {
			return this.response.request().method() + " " + this.response.uri() + " -> " + status() + " " + body();
		}

	}

}
