package dk.coordination;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;
import dk.coordination.support.KeycloakServer;

/**
 * The whole service on a developer's machine: {@code ./mvnw spring-boot:test-run}. Starts
 * an embedded PostgreSQL that keeps its data in {@code .data/postgres}, Keycloak from the
 * distribution the build unpacked (on localhost:8180, with {@code keycloak-realm.json}),
 * and the service on localhost:8080 with fictional demo concerns. Ctrl-C stops the
 * service first, then Keycloak and PostgreSQL, so no process is left behind.
 */
public final class LocalCoordinationApplication {

	private static final Logger log = LoggerFactory.getLogger(LocalCoordinationApplication.class);

	private static final int KEYCLOAK_PORT = 8180;

	private static final int SERVICE_PORT = 8080;

	private LocalCoordinationApplication() {
	}

	public static void main(String[] args) {
		Instant started = Instant.now();
		Path dataDirectory = Path.of(System.getProperty("local.data-dir", ".data"));
		EmbeddedDatabase database = EmbeddedDatabase.persistent(dataDirectory.resolve("postgres"), FreePorts.pick());
		KeycloakServer keycloak;
		try {
			keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.home", KeycloakServer.DEFAULT_HOME)),
					Path.of(System.getProperty("keycloak.realm-file", "keycloak-realm.json")), KEYCLOAK_PORT,
					FreePorts.pick());
		}
		catch (RuntimeException ex) {
			database.close();
			throw ex;
		}

		SpringApplication application = new SpringApplication(CoordinationApplication.class, LocalDemoData.class);
		application.setAdditionalProfiles("dev");
		Map<String, Object> properties = new HashMap<>(database.applicationProperties());
		properties.putAll(Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak.issuerUri(),
				"server.address", "127.0.0.1", "server.port", SERVICE_PORT));
		application.setDefaultProperties(properties);
		// one hook stops everything in order: the service before the database it writes
		// to
		application.setRegisterShutdownHook(false);
		ConfigurableApplicationContext context;
		try {
			context = application.run(args);
		}
		catch (RuntimeException ex) {
			keycloak.close();
			database.close();
			throw ex;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			context.close();
			keycloak.close();
			database.close();
		}, "local-stack-stop"));

		Duration ready = Duration.between(started, Instant.now());
		log.info("""

				==========================================================================
				 Concern Coordination Service is ready after {} s
				   API         http://localhost:{}/api   (OpenAPI: /v3/api-docs, /swagger-ui.html)
				   Keycloak    {}   (admin console needs no login in dev: realm 'coordination')
				   PostgreSQL  {}   (data kept in {})
				 Demo logins (development only), password 'demo' for all:
				   sekretariat  KK-BIF             secretariat-staff
				   politi       KBH-POLITI         liaison, secretariat-staff
				   kriminalforsorgen KRIMINALFORSORGEN liaison
				   buf          KK-BUF             caseworker
				   sof          KK-SOF             caseworker
				   auditor      KK-BIF             auditor
				   admin        KK-BIF             admin
				 Token:  curl -s -d grant_type=password -d client_id=coordination-dev \\
				           -d username=sekretariat -d password=demo \\
				           {}/protocol/openid-connect/token
				 Ctrl-C stops the service, Keycloak and PostgreSQL.
				==========================================================================
				""", ready.toSeconds(), SERVICE_PORT, keycloak.baseUrl(), database.jdbcUrl(),
				dataDirectory.resolve("postgres").toAbsolutePath(), keycloak.issuerUri());
	}

}
