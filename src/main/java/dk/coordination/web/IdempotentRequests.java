package dk.coordination.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.security.CurrentUser;

/**
 * The {@code Idempotency-Key} request header (IETF
 * draft-ietf-httpapi-idempotency-key-header) for a {@code POST} that creates something: a
 * client that sent the request and lost the answer (a timeout, a dropped connection, a
 * restarted proxy) sends it again with the same key and gets the first answer, and
 * nothing is created twice.
 * <p>
 * The answer is stored in the transaction that creates the resource, so it exists exactly
 * when the resource was committed; a first attempt that failed or rolled back leaves no
 * trace, and its retry runs afresh. A retry that arrives while the first attempt is still
 * running waits for it on a transaction-level advisory lock on the key, so the two cannot
 * both create. Keys belong to the user and the operation: another user's key, or the same
 * key on another endpoint, is another request. The same key with a different request is
 * refused (422), since the client has mixed two requests up. Only successful answers are
 * stored: a rejected request changed nothing and may be corrected and sent again. Keys
 * are kept for {@code coordination.idempotency.keep} (one day), long enough for any
 * retry.
 */
@Component
public class IdempotentRequests {

	/** The request header. */
	public static final String HEADER = "Idempotency-Key";

	/** Set on an answer that is the stored first answer rather than a new one. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final int MAX_KEY_LENGTH = 255;

	private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration keep;

	IdempotentRequests(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json, Clock clock,
			@Value("${coordination.idempotency.keep}") Duration keep) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.json = json;
		this.clock = clock;
		this.keep = keep;
	}

	/**
	 * Answers {@code create} once per key: the first time it runs it, in a transaction
	 * that also stores its answer; with the same key again it returns that answer.
	 * @param key the request's {@value #HEADER} header, or {@code null} to just run
	 * {@code create}
	 * @param operation what is created, as method and path
	 * ({@code "POST /api/referrals"})
	 * @param request the request as the service read it: what tells a retry from another
	 * request under the same key
	 * @param bodyType the answer's body, to read a stored answer back into
	 */
	public <T> ResponseEntity<T> once(String key, String operation, Object request, Class<T> bodyType,
			Supplier<ResponseEntity<T>> create) {
		if (key == null) {
			return create.get();
		}
		String checkedKey = checked(key);
		String owner = CurrentUser.required().username();
		byte[] fingerprint = fingerprint(operation, request);
		return this.transactions.execute((status) -> {
			this.jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(? || ' ' || ? || ' ' || ?, 0))",
					owner, operation, checkedKey);
			List<ResponseEntity<T>> stored = this.jdbc
				.query("select fingerprint, status, location, etag, body from idempotency_key"
						+ " where owner = ? and operation = ? and idempotency_key = ?", (row, number) -> {
							if (!Arrays.equals(row.getBytes("fingerprint"), fingerprint)) {
								throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
										"This Idempotency-Key was used for " + "another request to " + operation
												+ ": send a new key with a new request, "
												+ "and the same request with the same key.");
							}
							return replay(row.getInt("status"), row.getString("location"), row.getString("etag"),
									this.json.readValue(row.getString("body"), bodyType));
						}, owner, operation, checkedKey);
			if (!stored.isEmpty()) {
				log.info("{} with a known Idempotency-Key: answered with the first answer", operation);
				return stored.get(0);
			}
			ResponseEntity<T> answer = create.get();
			if (answer.getStatusCode().is2xxSuccessful()) {
				URI location = answer.getHeaders().getLocation();
				this.jdbc.update(
						"insert into idempotency_key (owner, operation, idempotency_key, fingerprint, created_at,"
								+ " status, location, etag, body) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
						owner, operation, checkedKey, fingerprint, java.sql.Timestamp.from(this.clock.instant()),
						answer.getStatusCode().value(), (location != null) ? location.toString() : null,
						answer.getHeaders().getETag(), this.json.writeValueAsString(answer.getBody()));
			}
			return answer;
		});
	}

	/**
	 * Deletes the keys no retry can still come for; every instance may, it is one delete.
	 */
	@Scheduled(fixedDelayString = "${coordination.idempotency.cleanup-interval}", initialDelayString = "1m")
	void deleteExpired() {
		Instant before = this.clock.instant().minus(this.keep);
		int deleted = this.jdbc.update("delete from idempotency_key where created_at < ?",
				java.sql.Timestamp.from(before));
		if (deleted > 0) {
			log.info("Deleted {} idempotency key(s) older than {}", deleted, this.keep);
		}
	}

	private static <T> ResponseEntity<T> replay(int status, String location, String etag, T body) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).header(REPLAYED_HEADER, "true");
		if (location != null) {
			builder.location(URI.create(location));
		}
		if (etag != null) {
			builder.eTag(etag);
		}
		return builder.body(body);
	}

	/**
	 * The draft sends the key as a structured-field string ({@code "8e03978e-…"}); a bare
	 * token is taken too, as most clients send one.
	 */
	static String checked(String header) {
		String key = header.strip();
		if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
			key = key.substring(1, key.length() - 1);
		}
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
			throw new InvalidFieldException(HEADER, "must be 1 to " + MAX_KEY_LENGTH
					+ " visible ASCII characters, for example a random UUID, new for every new request");
		}
		return key;
	}

	private byte[] fingerprint(String operation, Object request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(operation.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			return digest.digest(this.json.writeValueAsBytes(request));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
