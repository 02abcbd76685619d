package dk.coordination.web.internal;

import org.springframework.http.HttpStatus;

/**
 * A minimal RFC 9457 body for the places that answer before Spring MVC can (Tomcat's
 * error valve, a servlet filter). Written by hand so it works without a Spring bean;
 * title and detail are the service's own words, never the client's input.
 */
final class ProblemJson {

	static final String MEDIA_TYPE = "application/problem+json";

	private ProblemJson() {
	}

	static String of(int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		return "{\"type\":\"about:blank\",\"title\":" + string(title) + ",\"status\":" + status + ",\"detail\":"
				+ string(detail) + "}";
	}

	/** A 4xx naming the field at fault, like the API's validation problems. */
	static String ofField(int status, String field, String message) {
		String problem = of(status, field + ": " + message);
		return problem.substring(0, problem.length() - 1) + ",\"errors\":[{\"field\":" + string(field) + ",\"message\":"
				+ string(message) + "}]}";
	}

	/** The service's words for a status whose cause it does not tell the client. */
	static String detailFor(int status) {
		return switch (status) {
			case 400 -> "The request is malformed (its URL, headers or encoding) and was not processed.";
			case 404 -> "There is nothing at this address.";
			case 405 -> "This method is not allowed here.";
			case 413, 431 -> "The request or its headers are too large.";
			default -> (status >= 500) ? "The service failed to answer; the error is logged."
					: "The request was not processed.";
		};
	}

	private static String string(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (Character.isISOControl(c)) {
						json.append("\\u%04x".formatted((int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
