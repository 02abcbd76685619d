package dk.coordination.casework.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dk.coordination.web.InvalidFieldException;

/**
 * Position in the newest-first case list: the last row's creation time and id. Paging by
 * this key lets PostgreSQL walk the index from where the previous page stopped instead of
 * counting past an OFFSET. Opaque to clients (Base64url).
 */
record CaseCursor(Instant createdAt, UUID id) {

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2101-01-01T00:00:00Z");

	static CaseCursor after(ConcernCase last) {
		return new CaseCursor(last.getCreatedAt(), last.getId());
	}

	String encode() {
		String raw = this.createdAt + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static CaseCursor decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			if (bar < 0) {
				throw new IllegalArgumentException("no separator");
			}
			Instant createdAt = Instant.parse(raw.substring(0, bar));
			// a forged cursor's instant may lie beyond what PostgreSQL's timestamp holds
			if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
				throw new IllegalArgumentException("implausible instant");
			}
			return new CaseCursor(createdAt, UUID.fromString(raw.substring(bar + 1)));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new InvalidFieldException("cursor", "is not a cursor this service gave out");
		}
	}

}
