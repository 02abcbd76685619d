package dk.coordination.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Strong ETags from an entity's version ({@code "3"}), and the {@code If-Match} check
 * that makes a change apply only to the state the client has seen.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * @param what the resource in words, for the problem's detail ("the case")
	 * @throws ErrorResponseException 428 when {@code If-Match} is missing or {@code *}
	 * (which would match any version, so it proves nothing about what the client saw),
	 * 412 when no tag in it is the current version
	 */
	public static void requireMatch(String ifMatch, long currentVersion, String what) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			throw Problems.of(HttpStatus.PRECONDITION_REQUIRED, "Send If-Match with the ETag of " + what
					+ " as you last read it, so you do not overwrite a change you have not seen.");
		}
		String current = of(currentVersion);
		for (String tag : ifMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals(current)) {
				return;
			}
		}
		throw Problems.of(HttpStatus.PRECONDITION_FAILED,
				"The state of " + what + " has changed since you read it (its ETag is now " + current
						+ "); read it again before changing it.");
	}

}
