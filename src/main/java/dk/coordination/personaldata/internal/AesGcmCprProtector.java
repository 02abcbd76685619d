package dk.coordination.personaldata.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.personaldata.ProtectedCpr;
import dk.coordination.personaldata.SecretKeys;

/**
 * AES-256-GCM with a random 96-bit nonce per value, and HMAC-SHA256 for the look-up hash:
 * the same number always hashes the same under one key, but nobody without the key can
 * hash candidate numbers, which an unkeyed hash of only 10 digits would allow.
 * <p>
 * Both name their key, so several keys can be configured while a rotation is under way:
 * the ciphertext is a format byte ({@value #FORMAT}), the length of the key id, the key
 * id (ASCII), the nonce, then ciphertext and tag; the hash is {@code <key id>:<64 hex
 * digits>}. The format byte leaves room for another layout later; migration V16 gave the
 * values stored before key ids this one, with the key id {@value #LEGACY_KEY_ID}.
 * <p>
 * Refuses to start with one key used for two purposes or under two ids, and outside the
 * {@code dev} profile with the development keys committed in {@code application-dev.yml}:
 * those are public, so data protected by them is not protected at all.
 */
@Component
@EnableConfigurationProperties(CprProperties.class)
class AesGcmCprProtector implements CprProtector {

	/**
	 * The id of the key given as the single pair {@code encryption-key}/{@code hash-key}.
	 */
	static final String LEGACY_KEY_ID = "k1";

	static final byte FORMAT = 1;

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,16}");

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/**
	 * SHA-256 of the development keys (Base64-decoded), so the check needs no copy of the
	 * keys themselves in the production code.
	 */
	private static final Set<String> DEVELOPMENT_KEY_FINGERPRINTS = Set.of(
			"e986e91b0f6b727d1b1113fcc98d9aa5afdb940221ea83960b2b680fb0cd3dc8",
			"a91f5d50122bf27cd0f7f9e84cfdbe9d59115890f8acb1415f66c5c29498a4fb",
			"b47f0188bbd0b1d7df4b254a2b8a8fadcd61897a74ef99065259436177cc2eef",
			"e33cb9f314f12969c984774ed39a218e67f96f0688db5a73448d63270ce024b3");

	static final String DEVELOPMENT_PROFILE = "dev";

	/** By id, the current key first. */
	private final Map<String, Key> keys = new LinkedHashMap<>();

	private final Key current;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	AesGcmCprProtector(CprProperties properties, Environment environment) {
		this(properties, environment.matchesProfiles(DEVELOPMENT_PROFILE));
	}

	/**
	 * @param developmentKeysAllowed whether the committed development keys may be used
	 * (the local run and the tests)
	 */
	AesGcmCprProtector(CprProperties properties, boolean developmentKeysAllowed) {
		for (Keys checked : checkedKeys(properties, developmentKeysAllowed)) {
			this.keys.put(checked.id(), new Key(checked.id(), new SecretKeySpec(checked.encryption(), "AES"),
					new SecretKeySpec(checked.hash(), "HmacSHA256")));
		}
		this.current = this.keys.values().iterator().next();
	}

	private record Key(String id, SecretKey encryption, SecretKey hash) {
	}

	/** A key's decoded material, once it is known to be fit for use. */
	record Keys(String id, byte[] encryption, byte[] hash) {
	}

	/** Where a key's two halves are configured, for the messages. */
	private record Source(String id, String name, String encryptionProperty, String encryptionVariable,
			String encryptionKey, String hashProperty, String hashVariable, String hashKey) {
	}

	/**
	 * The configured keys, decoded, the current one first.
	 * @throws IllegalStateException saying what to set, for a missing, malformed, shared
	 * or (unless allowed) development key, a missing or repeated key id, or no current
	 * key
	 */
	static List<Keys> checkedKeys(CprProperties properties, boolean developmentKeysAllowed) {
		List<Source> sources = new ArrayList<>();
		if (!isBlank(properties.encryptionKey()) || !isBlank(properties.hashKey()) || properties.keys().isEmpty()) {
			sources.add(new Source(LEGACY_KEY_ID, "coordination.cpr.encryption-key/hash-key",
					"coordination.cpr.encryption-key", "COORDINATION_CPR_ENCRYPTION_KEY", properties.encryptionKey(),
					"coordination.cpr.hash-key", "COORDINATION_CPR_HASH_KEY", properties.hashKey()));
		}
		for (int i = 0; i < properties.keys().size(); i++) {
			CprProperties.Key key = properties.keys().get(i);
			String property = "coordination.cpr.keys[" + i + "]";
			String variable = "COORDINATION_CPR_KEYS_" + i + "_";
			sources.add(new Source(keyId(property, key.id()), property, property + ".encryption-key",
					variable + "ENCRYPTION_KEY", key.encryptionKey(), property + ".hash-key", variable + "HASH_KEY",
					key.hashKey()));
		}
		Map<String, Source> byId = new LinkedHashMap<>();
		List<Keys> checked = new ArrayList<>();
		for (Source source : sources) {
			Source earlier = byId.putIfAbsent(source.id(), source);
			if (earlier != null) {
				throw new IllegalStateException("CPR key id " + source.id() + " is given twice, by " + earlier.name()
						+ " and by " + source.name() + "; every key needs an id of its own");
			}
			checked.add(new Keys(source.id(),
					SecretKeys.decode(source.encryptionProperty(), source.encryptionVariable(), source.encryptionKey()),
					SecretKeys.decode(source.hashProperty(), source.hashVariable(), source.hashKey())));
		}
		refuseReusedKeys(sources, checked);
		if (!developmentKeysAllowed) {
			for (int i = 0; i < sources.size(); i++) {
				Source source = sources.get(i);
				refuseDevelopmentKey(source.encryptionProperty(), source.encryptionVariable(),
						checked.get(i).encryption());
				refuseDevelopmentKey(source.hashProperty(), source.hashVariable(), checked.get(i).hash());
			}
		}
		String current = currentKeyId(properties.currentKey(), byId.keySet());
		List<Keys> currentFirst = new ArrayList<>(checked);
		currentFirst.sort((a, b) -> Boolean.compare(!a.id().equals(current), !b.id().equals(current)));
		return currentFirst;
	}

	private static String keyId(String property, String id) {
		if (isBlank(id)) {
			throw new IllegalStateException(property + ".id is not set: every CPR key needs an id (letters, digits, "
					+ "'-', '_' or '.', at most 16), which is stored with what the key protects");
		}
		String stripped = id.strip();
		if (!KEY_ID.matcher(stripped).matches()) {
			throw new IllegalStateException(property + ".id must be letters, digits, '-', '_' or '.', at most 16; "
					+ "it is '" + stripped + "'");
		}
		return stripped;
	}

	private static String currentKeyId(String configured, Set<String> ids) {
		if (isBlank(configured)) {
			if (ids.size() == 1) {
				return ids.iterator().next();
			}
			throw new IllegalStateException("Several CPR keys are configured (" + String.join(", ", ids)
					+ "): set coordination.cpr.current-key (COORDINATION_CPR_CURRENT_KEY) to the id of the one that "
					+ "protects new data");
		}
		String current = configured.strip();
		if (!ids.contains(current)) {
			throw new IllegalStateException("coordination.cpr.current-key is " + current
					+ ", but no CPR key has that id; the configured keys are " + String.join(", ", ids));
		}
		return current;
	}

	/**
	 * One key for two purposes, or under two ids: the first defeats keeping the hash key
	 * apart, the second a rotation, which would move the data to the same key.
	 */
	private static void refuseReusedKeys(List<Source> sources, List<Keys> checked) {
		List<String> names = new ArrayList<>();
		List<String> variables = new ArrayList<>();
		List<byte[]> material = new ArrayList<>();
		for (int i = 0; i < sources.size(); i++) {
			names.add(sources.get(i).encryptionProperty());
			variables.add(sources.get(i).encryptionVariable());
			material.add(checked.get(i).encryption());
			names.add(sources.get(i).hashProperty());
			variables.add(sources.get(i).hashVariable());
			material.add(checked.get(i).hash());
		}
		for (int i = 0; i < material.size(); i++) {
			for (int j = i + 1; j < material.size(); j++) {
				if (Arrays.equals(material.get(i), material.get(j))) {
					throw new IllegalStateException(names.get(i) + " and " + names.get(j) + " are the same key; set "
							+ variables.get(i) + " and " + variables.get(j)
							+ " to two different keys (openssl rand -base64 32, once for each)");
				}
			}
		}
	}

	private static void refuseDevelopmentKey(String property, String variable, byte[] key) {
		if (DEVELOPMENT_KEY_FINGERPRINTS.contains(SecretKeys.fingerprint(key))) {
			throw new IllegalStateException(property + " is a development key, committed to the repository in "
					+ "application-dev.yml and so known to anyone; set " + variable + " to a key of your own "
					+ "(openssl rand -base64 32). Only the dev profile accepts the development keys");
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	@Override
	public ProtectedCpr protect(CprNumber cpr) {
		return new ProtectedCpr(encrypt(cpr.digits()), hash(cpr), cpr.masked());
	}

	@Override
	public String hash(CprNumber cpr) {
		return hash(cpr, this.current);
	}

	@Override
	public List<String> hashes(CprNumber cpr) {
		return this.keys.values().stream().map((key) -> hash(cpr, key)).toList();
	}

	private static String hash(CprNumber cpr, Key key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key.hash());
			return key.id() + ":"
					+ HexFormat.of().formatHex(mac.doFinal(cpr.digits().getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	@Override
	public CprNumber reveal(byte[] encrypted) {
		if (encrypted == null || encrypted.length < 2 || encrypted[0] != FORMAT) {
			throw new IllegalStateException("Stored CPR number is not in the format of key ids (format " + FORMAT
					+ ") and cannot be decrypted");
		}
		int idLength = encrypted[1];
		int nonceAt = 2 + idLength;
		if (idLength < 1 || encrypted.length < nonceAt + NONCE_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("Stored CPR number is truncated and cannot be decrypted");
		}
		String keyId = new String(encrypted, 2, idLength, StandardCharsets.US_ASCII);
		Key key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("Stored CPR number is encrypted with key " + keyId
					+ ", which is not configured (the keys are " + String.join(", ", this.keys.keySet()) + ")");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key.encryption(),
					new GCMParameterSpec(TAG_BITS, encrypted, nonceAt, NONCE_BYTES));
			byte[] plain = cipher.doFinal(encrypted, nonceAt + NONCE_BYTES, encrypted.length - nonceAt - NONCE_BYTES);
			return CprNumber.parse(new String(plain, StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Stored CPR number cannot be decrypted with key " + keyId, ex);
		}
	}

	@Override
	public String currentKeyId() {
		return this.current.id();
	}

	@Override
	public List<String> previousKeyIds() {
		return this.keys.keySet().stream().skip(1).toList();
	}

	private byte[] encrypt(String digits) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.current.encryption(), new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
			byte[] id = this.current.id().getBytes(StandardCharsets.US_ASCII);
			return ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length)
				.put(FORMAT)
				.put((byte) id.length)
				.put(id)
				.put(nonce)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	}

}
