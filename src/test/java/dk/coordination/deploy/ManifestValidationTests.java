package dk.coordination.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document under deploy/kubernetes conforms to the schema of its kind
 * ({@link ManifestSchemas}): no cluster is reachable from the build to ask.
 */
class ManifestValidationTests {

	private static final Path MANIFESTS = Path.of("deploy/kubernetes");

	private final ManifestSchemas schemas = ManifestSchemas.load();

	@Test
	void everyManifestConformsToItsSchema() throws IOException {
		List<String> problems = new ArrayList<>();
		List<String> kinds = new ArrayList<>();
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).sorted().toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
					Map<?, ?> manifest = (Map<?, ?>) document;
					kinds.add(manifest.get("kind") + " " + ((Map<?, ?>) manifest.get("metadata")).get("name"));
					this.schemas.validate(manifest)
						.forEach((problem) -> problems.add(file.getFileName() + ": " + problem));
				}
			}
		}

		assertThat(problems).isEmpty();
		assertThat(kinds).contains("Deployment concern-coordination-service", "Service concern-coordination-service",
				"PodDisruptionBudget concern-coordination-service",
				"HorizontalPodAutoscaler concern-coordination-service", "Cluster coordination-db",
				"ScheduledBackup coordination-db-nightly", "Keycloak keycloak", "KeycloakRealmImport coordination",
				"Secret coordination-keys");
	}

	@Test
	void theServiceRunsTwoInstancesWithTheProbesAndAGracePeriodAboveTheDrain() throws IOException {
		Map<?, ?> deployment = document("30-service.yaml", "Deployment");
		Map<?, ?> spec = (Map<?, ?>) deployment.get("spec");
		Map<?, ?> pod = (Map<?, ?>) ((Map<?, ?>) spec.get("template")).get("spec");
		Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);

		assertThat(spec.get("replicas")).isEqualTo(2);
		assertThat(((Map<?, ?>) ((Map<?, ?>) container.get("readinessProbe")).get("httpGet")).get("path"))
			.isEqualTo("/actuator/health/readiness");
		assertThat(((Map<?, ?>) ((Map<?, ?>) container.get("livenessProbe")).get("httpGet")).get("path"))
			.isEqualTo("/actuator/health/liveness");
		// preStop 10 s + spring.lifecycle.timeout-per-shutdown-phase 20 s, with room to
		// close
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(10 + 20 + 10);
		Map<?, ?> cluster = document("10-postgres.yaml", "Cluster");
		assertThat(((Map<?, ?>) cluster.get("spec")).get("instances")).isEqualTo(3);
	}

	@Test
	void aMisspeltFieldIsRejectedWithWhereItIs() {
		Map<?, ?> deployment = new Yaml().load("""
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: broken
				spec:
				  replicas: two
				  selector:
				    matchLabels: {app: x}
				  template:
				    spec:
				      containers:
				        - name: service
				          image: x
				          resourcess: {}
				          ports:
				            - containerPort: "8080"
				""");

		assertThat(this.schemas.validate(deployment)).containsExactlyInAnyOrder(
				"Deployment broken.spec.replicas: expected an integer, got String two",
				"Deployment broken.spec.template.spec.containers[0].resourcess: unknown field",
				"Deployment broken.spec.template.spec.containers[0].ports[0].containerPort: expected an integer, got String 8080");
	}

	@Test
	void anOperatorsResourceIsCheckedToo() {
		Map<?, ?> cluster = new Yaml().load("""
				apiVersion: postgresql.cnpg.io/v1
				kind: Cluster
				metadata:
				  name: broken
				spec:
				  instance: 3
				  backup:
				    barmanObjectStore:
				      wal: {compression: zip}
				""");

		assertThat(this.schemas.validate(cluster)).containsExactlyInAnyOrder(
				"Cluster broken.spec.instance: unknown field", "Cluster broken.spec.instances: required field missing",
				"Cluster broken.spec.backup.barmanObjectStore.wal.compression: 'zip' is not one of [\"gzip\",\"bzip2\",\"snappy\"]",
				"Cluster broken.spec.backup.barmanObjectStore.destinationPath: required field missing");
	}

	@Test
	void anUnknownKindIsAProblemNotAPass() {
		assertThat(this.schemas.validate(new Yaml().load("""
				apiVersion: monitoring.coreos.com/v1
				kind: ServiceMonitor
				metadata:
				  name: x
				"""))).containsExactly("ServiceMonitor x: no schema for monitoring.coreos.com/v1 ServiceMonitor");
	}

	private static Map<?, ?> document(String file, String kind) throws IOException {
		for (Object document : new Yaml().loadAll(Files.readString(MANIFESTS.resolve(file), StandardCharsets.UTF_8))) {
			if (kind.equals(((Map<?, ?>) document).get("kind"))) {
				return (Map<?, ?>) document;
			}
		}
		throw new IllegalStateException("No " + kind + " in " + file);
	}

}
