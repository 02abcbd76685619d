package dk.coordination.audit.internal;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dk.coordination.personaldata.SecretKeys;

/**
 * The audit chain's MAC keys by id. A key's id is the start of its SHA-256 fingerprint,
 * stored with every seal it made: a seal names its key without revealing it, and after a
 * key change the verification picks the right one (or says which one is missing) instead
 * of reporting every older seal as forged.
 */
@Component
@EnableConfigurationProperties(AuditChainProperties.class)
class AuditChainKeys {

	static final String PROPERTY = "coordination.audit.chain-key";

	static final String VARIABLE = "COORDINATION_AUDIT_CHAIN_KEY";

	/**
	 * SHA-256 of the development key in the test resources' application-dev.yml, known to
	 * anyone who has the repository.
	 */
	private static final String DEVELOPMENT_KEY_FINGERPRINT = "f9d15db3c2ac35a66c9c4cbbbaf15cb7fb9f594a755981f1abf267bd152fe6b8";

	/** By id, the current key first. */
	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	private final String currentId;

	@Autowired
	AuditChainKeys(AuditChainProperties properties, Environment environment) {
		this(properties, environment.matchesProfiles("dev"));
	}

	/**
	 * @throws IllegalStateException saying what to set, for a missing or malformed key,
	 * or (unless allowed) the development key
	 */
	AuditChainKeys(AuditChainProperties properties, boolean developmentKeyAllowed) {
		this.currentId = add(PROPERTY, VARIABLE, properties.chainKey(), developmentKeyAllowed);
		for (int i = 0; i < properties.previousChainKeys().size(); i++) {
			add("coordination.audit.previous-chain-keys[" + i + "]",
					"key " + (i + 1) + " of COORDINATION_AUDIT_PREVIOUS_CHAIN_KEYS",
					properties.previousChainKeys().get(i), true);
		}
	}

	private String add(String property, String variable, String base64, boolean developmentKeyAllowed) {
		byte[] key = SecretKeys.decode(property, variable, base64);
		String fingerprint = SecretKeys.fingerprint(key);
		if (!developmentKeyAllowed && fingerprint.equals(DEVELOPMENT_KEY_FINGERPRINT)) {
			throw new IllegalStateException(property + " is the development key, committed to the repository in "
					+ "application-dev.yml and so known to anyone; set " + variable + " to a key of your own "
					+ "(openssl rand -base64 32). Only the dev profile accepts the development key");
		}
		String id = fingerprint.substring(0, 16);
		this.keys.putIfAbsent(id, new SecretKeySpec(key, "HmacSHA256"));
		return id;
	}

	/** The id of the key new seals are made with. */
	String currentId() {
		return this.currentId;
	}

	/** A MAC ready to use under the key with that id, if it is configured. */
	Optional<Mac> mac(String keyId) {
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			return Optional.empty();
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return Optional.of(mac);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

}
