package dk.coordination.audit;

/**
 * Names of the request id that ties a revision to its HTTP request and its log lines.
 */
public final class RequestIds {

	/** Header a caller (or a proxy) may send; the service answers with the id it used. */
	public static final String HEADER = "X-Request-Id";

	/** Key of the id in the logging MDC. */
	public static final String MDC_KEY = "requestId";

	private RequestIds() {
	}

}
