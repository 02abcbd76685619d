package dk.coordination.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks Kubernetes manifests against schemas, as {@code kubectl apply --dry-run=server}
 * would against a cluster, which the build does not have. The Kubernetes kinds come from
 * Kubernetes' own OpenAPI definitions, as fabric8 ships them
 * ({@code io.fabric8:kubernetes-model-validator}, {@code /openshift-generated.json}); the
 * operators' kinds from {@code kubernetes-schemas/operators.json}, written from the
 * operators' API references for the fields used here (no schema artifact of theirs is
 * reachable from the build). Stricter than a cluster in one way on purpose: a field the
 * schema does not know is an error, so a misspelt field fails here instead of being
 * dropped silently on apply.
 */
final class ManifestSchemas {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String REF_PREFIX = "#/definitions/";

	private final Map<String, JsonNode> definitions = new HashMap<>();

	private ManifestSchemas() {
	}

	static ManifestSchemas load() {
		ManifestSchemas schemas = new ManifestSchemas();
		schemas.add("/openshift-generated.json");
		schemas.add("/kubernetes-schemas/operators.json");
		return schemas;
	}

	private void add(String resource) {
		try (InputStream in = ManifestSchemas.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("No schema resource " + resource + " on the class path");
			}
			JSON.readTree(in).get("definitions").properties().forEach((entry) -> {
				this.definitions.put(entry.getKey(), entry.getValue());
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The definition of a kind: Kubernetes' own by its API group and version (e.g.
	 * {@code apps/v1} Deployment is {@code io.k8s.api.apps.v1.Deployment}), an operator's
	 * by {@code apiVersion/kind}.
	 */
	String definitionOf(String apiVersion, String kind) {
		String operator = apiVersion + "/" + kind;
		if (this.definitions.containsKey(operator)) {
			return operator;
		}
		String[] groupAndVersion = apiVersion.contains("/") ? apiVersion.split("/", 2)
				: new String[] { "core", apiVersion };
		String group = groupAndVersion[0].split("\\.")[0];
		String name = "io.k8s.api." + group + "." + groupAndVersion[1] + "." + kind;
		return this.definitions.containsKey(name) ? name : null;
	}

	/**
	 * Every way a parsed manifest document departs from its kind's schema.
	 * @param document one YAML document, as maps, lists and scalars
	 * @return the problems, each with its path; empty when it conforms
	 */
	List<String> validate(Map<?, ?> document) {
		List<String> problems = new ArrayList<>();
		Object apiVersion = document.get("apiVersion");
		Object kind = document.get("kind");
		if (!(apiVersion instanceof String) || !(kind instanceof String)) {
			problems.add("a document without apiVersion and kind");
			return problems;
		}
		String definition = definitionOf((String) apiVersion, (String) kind);
		Object name = (document.get("metadata") instanceof Map<?, ?> metadata) ? metadata.get("name") : null;
		String where = kind + " " + name;
		if (definition == null) {
			problems.add(where + ": no schema for " + apiVersion + " " + kind);
			return problems;
		}
		if (name == null) {
			problems.add(where + ": metadata.name is missing");
		}
		check(document, this.definitions.get(definition), where, problems);
		return problems;
	}

	private void check(Object value, JsonNode schema, String path, List<String> problems) {
		JsonNode resolved = resolve(schema);
		String format = resolved.path("format").asString("");
		if (format.equals("int-or-string")) {
			if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
				problems.add(path + ": expected a number or a string, got " + describe(value));
			}
			return;
		}
		if (isQuantity(schema)) {
			if (!(value instanceof String || value instanceof Number)) {
				problems.add(path + ": expected a quantity such as 500m or 1Gi, got " + describe(value));
			}
			return;
		}
		String type = resolved.path("type").asString("");
		switch (type) {
			case "object" -> checkObject(value, resolved, path, problems);
			case "array" -> {
				if (!(value instanceof List<?> list)) {
					problems.add(path + ": expected a list, got " + describe(value));
					return;
				}
				for (int i = 0; i < list.size(); i++) {
					check(list.get(i), resolved.get("items"), path + "[" + i + "]", problems);
				}
			}
			case "string" -> {
				if (!(value instanceof String text)) {
					problems.add(path + ": expected a string, got " + describe(value));
				}
				else if (format.equals("byte") && !isBase64(text)) {
					problems.add(path + ": expected Base64 (or use stringData)");
				}
				else if (resolved.has("enum") && !enumContains(resolved.get("enum"), text)) {
					problems.add(path + ": '" + text + "' is not one of " + resolved.get("enum"));
				}
			}
			case "integer" -> {
				if (!(value instanceof Integer || value instanceof Long)) {
					problems.add(path + ": expected an integer, got " + describe(value));
				}
			}
			case "number" -> {
				if (!(value instanceof Number)) {
					problems.add(path + ": expected a number, got " + describe(value));
				}
			}
			case "boolean" -> {
				if (!(value instanceof Boolean)) {
					problems.add(path + ": expected true or false, got " + describe(value));
				}
			}
			default -> {
				// no type: anything (RawExtension, free-form JSON)
			}
		}
	}

	private void checkObject(Object value, JsonNode schema, String path, List<String> problems) {
		if (!(value instanceof Map<?, ?> map)) {
			problems.add(path + ": expected a mapping, got " + describe(value));
			return;
		}
		JsonNode properties = schema.get("properties");
		JsonNode additional = schema.get("additionalProperties");
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = String.valueOf(entry.getKey());
			String childPath = path + "." + key;
			if (properties != null && properties.has(key)) {
				check(entry.getValue(), properties.get(key), childPath, problems);
			}
			else if (additional != null && additional.isObject()) {
				check(entry.getValue(), additional, childPath, problems);
			}
			else if (properties != null || (additional != null && additional.isBoolean() && !additional.asBoolean())) {
				problems.add(childPath + ": unknown field");
			}
		}
		for (JsonNode required : schema.path("required")) {
			if (!map.containsKey(required.asString())) {
				problems.add(path + "." + required.asString() + ": required field missing");
			}
		}
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode current = schema;
		while (current.has("$ref")) {
			String name = current.get("$ref").asString().substring(REF_PREFIX.length());
			current = this.definitions.get(name);
			if (current == null) {
				throw new IllegalStateException("The schemas have no definition " + name);
			}
		}
		return current;
	}

	private static boolean isQuantity(JsonNode schema) {
		return schema.has("$ref") && schema.get("$ref").asString().endsWith("api.resource.Quantity");
	}

	private static boolean enumContains(JsonNode values, String text) {
		for (JsonNode value : values) {
			if (value.asString().equals(text)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBase64(String text) {
		try {
			Base64.getDecoder().decode(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String describe(Object value) {
		return (value == null) ? "nothing" : value.getClass().getSimpleName() + " " + value;
	}

}
