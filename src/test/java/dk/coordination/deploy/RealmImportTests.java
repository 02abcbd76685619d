package dk.coordination.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production realm (deploy/kubernetes/21-realm-import.yaml) is the development realm
 * that every test run imports into a real Keycloak (keycloak-realm.json), less what only
 * development has: the demo users, the public client {@code coordination-dev} and the
 * development secrets (placeholders the Keycloak Operator fills from the secret
 * {@code coordination-clients}), with the production addresses. Derived here, so the two
 * cannot drift apart: when keycloak-realm.json changes, this test fails until the import
 * is written again with {@code -Drealm-import.write=true}.
 */
class RealmImportTests {

	static final Path REALM_IMPORT = Path.of("deploy/kubernetes/21-realm-import.yaml");

	private static final String HOST = "https://coordination.example.dk";

	private static final Map<String, String> SECRET_PLACEHOLDERS = Map.of("coordination-web",
			"COORDINATION_WEB_CLIENT_SECRET", "coordination-metrics", "COORDINATION_METRICS_CLIENT_SECRET");

	@Test
	void theProductionRealmIsTheDevelopmentRealmWithoutWhatOnlyDevelopmentHas() throws IOException {
		Map<String, Object> expected = realmImport(productionRealm());
		if (Boolean.getBoolean("realm-import.write")) {
			write(expected);
		}

		Map<?, ?> committed = new Yaml().load(Files.readString(REALM_IMPORT, StandardCharsets.UTF_8));

		assertThat(committed)
			.as("%s is not derived from keycloak-realm.json as it is now; write it again with"
					+ " ./mvnw test -Dtest=RealmImportTests -Drealm-import.write=true", REALM_IMPORT)
			.isEqualTo(expected);
	}

	@Test
	void noDevelopmentSecretUserOrClientIsLeft() throws IOException {
		String text = Files.readString(REALM_IMPORT, StandardCharsets.UTF_8);

		assertThat(text).doesNotContain("development-only", "coordination-dev\n", "password", "localhost",
				"sekretariat@");
		assertThat(text).contains("${COORDINATION_WEB_CLIENT_SECRET}", "${COORDINATION_METRICS_CLIENT_SECRET}");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> productionRealm() throws IOException {
		Map<String, Object> realm = JsonMapper.shared()
			.readValue(Files.readString(Path.of("keycloak-realm.json")),
					new TypeReference<LinkedHashMap<String, Object>>() {
					});
		realm.put("displayName", "Koordineringsenheden");
		List<Map<String, Object>> users = new ArrayList<>();
		for (Map<String, Object> user : (List<Map<String, Object>>) realm.get("users")) {
			// the service accounts of clients stay; people are managed in Keycloak
			if (user.containsKey("serviceAccountClientId")) {
				users.add(user);
			}
		}
		realm.put("users", users);
		List<Map<String, Object>> clients = new ArrayList<>();
		for (Map<String, Object> client : (List<Map<String, Object>>) realm.get("clients")) {
			String id = (String) client.get("clientId");
			if (id.equals("coordination-dev")) {
				continue;
			}
			if (SECRET_PLACEHOLDERS.containsKey(id)) {
				client.put("secret", "${" + SECRET_PLACEHOLDERS.get(id) + "}");
				client.remove("description");
			}
			if (id.equals("coordination-web")) {
				client.put("redirectUris", List.of(HOST + "/login/oauth2/code/keycloak"));
				Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) client.get("attributes"));
				attributes.put("post.logout.redirect.uris", HOST + "/logget-ud");
				client.put("attributes", attributes);
			}
			clients.add(client);
		}
		realm.put("clients", clients);
		return realm;
	}

	private static Map<String, Object> realmImport(Map<String, Object> realm) {
		Map<String, Object> placeholders = new LinkedHashMap<>();
		SECRET_PLACEHOLDERS.values()
			.stream()
			.sorted()
			.forEach((name) -> placeholders.put(name,
					Map.of("secret", Map.of("name", "coordination-clients", "key", name))));
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("keycloakCRName", "keycloak");
		spec.put("placeholders", placeholders);
		spec.put("realm", realm);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("apiVersion", "k8s.keycloak.org/v2alpha1");
		document.put("kind", "KeycloakRealmImport");
		document.put("metadata", Map.of("name", "coordination"));
		document.put("spec", spec);
		return document;
	}

	private static void write(Map<String, Object> document) throws IOException {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		options.setWidth(120);
		String header = """
				# GENERATED from keycloak-realm.json by RealmImportTests (-Drealm-import.write=true): the
				# development realm without its demo users, its development client coordination-dev and its
				# development secrets, which the Keycloak Operator fills in from the secret coordination-clients.
				# Users (people) are managed in Keycloak, each with the attribute organisation and realm roles.
				""";
		Files.writeString(REALM_IMPORT, header + new Yaml(options).dump(document), StandardCharsets.UTF_8);
	}

}
