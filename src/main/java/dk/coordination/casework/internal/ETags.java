package dk.coordination.casework.internal;

import org.springframework.http.HttpStatus;

import dk.coordination.web.Problems;

/**
 * Strong ETags from the entity version ({@code "3"}), and the {@code If-Match} check that
 * makes a change apply only to the state the client has seen.
 */
final class ETags {

	private ETags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * @throws org.springframework.web.ErrorResponseException 428 when {@code If-Match} is
	 * missing, 412 when no tag in it is the current version
	 */
	static void requireMatch(String ifMatch, long currentVersion) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw Problems.of(HttpStatus.PRECONDITION_REQUIRED,
					"Send If-Match with the ETag of the case as you last read it, so you do not overwrite a change you have not seen.");
		}
		String current = of(currentVersion);
		for (String tag : ifMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*") || candidate.equals(current)) {
				return;
			}
		}
		throw Problems.of(HttpStatus.PRECONDITION_FAILED, "The case has changed since you read it (its ETag is now "
				+ current + "); read it again before changing it.");
	}

}
