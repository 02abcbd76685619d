package dk.coordination.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;

/**
 * Trains the container image's AOT cache ({@code src/image/train.sh}) against a database
 * of its own, thrown away afterwards: the service migrates and opens it on the way to
 * being started, so a training run without one would stop before most of the classes the
 * service needs are loaded. The keys are random and used once; nothing of this run ends
 * up in the image but the cache of loaded and linked classes.
 * <p>
 * Run by {@code ./mvnw -Pproduction verify} between the two Jib passes, with arguments
 * {@code <image tar> <output directory>}.
 */
public final class ImageTraining {

	private static final SecureRandom random = new SecureRandom();

	private ImageTraining() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: ImageTraining <image tar> <output directory>");
		}
		int status;
		try (EmbeddedDatabase database = EmbeddedDatabase.shared()) {
			List<String> command = new ArrayList<>(
					List.of("bash", Path.of("src/image/train.sh").toString(), args[0], args[1]));
			settings(database).forEach((name, value) -> command.add(name + "=" + value));
			status = new ProcessBuilder(command).inheritIO().start().waitFor();
		}
		// exit at once: the database's shutdown hook has nothing left to do
		System.exit(status);
	}

	/**
	 * Production configuration, all from the environment as README's table has it; the
	 * issuer is never asked during a start, so it need not answer.
	 */
	static Map<String, String> settings(EmbeddedDatabase database) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
		settings.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.SERVICE_ROLE);
		settings.put("SPRING_DATASOURCE_PASSWORD", EmbeddedDatabase.SERVICE_ROLE);
		settings.put("SPRING_FLYWAY_USER", EmbeddedDatabase.OWNER_ROLE);
		settings.put("SPRING_FLYWAY_PASSWORD", EmbeddedDatabase.OWNER_ROLE);
		settings.put("COORDINATION_ISSUER_URI", "http://127.0.0.1:" + FreePorts.pick() + "/realms/coordination");
		settings.put("COORDINATION_WEB_CLIENT_SECRET", randomKey());
		settings.put("COORDINATION_AUDIT_CHAIN_KEY", randomKey());
		settings.put("COORDINATION_CPR_ENCRYPTION_KEY", randomKey());
		settings.put("COORDINATION_CPR_HASH_KEY", randomKey());
		settings.put("SERVER_ADDRESS", "127.0.0.1");
		settings.put("SERVER_PORT", String.valueOf(FreePorts.pick()));
		return settings;
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
