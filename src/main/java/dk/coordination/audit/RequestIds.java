package dk.coordination.audit;

/**
 * Names of the request id that ties a revision to its HTTP request and its log lines, and
 * of the caller's own correlation id kept beside it.
 */
public final class RequestIds {

	/**
	 * Header of the request id. The service always answers with an id of its own; what a
	 * caller sends under this name is only kept as its correlation id.
	 */
	public static final String HEADER = "X-Request-Id";

	/**
	 * Header in which the service echoes the caller's correlation id, when it took one.
	 */
	public static final String CORRELATION_HEADER = "X-Correlation-Id";

	/** Key of the request id in the logging MDC. */
	public static final String MDC_KEY = "requestId";

	/** Key of the caller's correlation id in the logging MDC. */
	public static final String CORRELATION_MDC_KEY = "correlationId";

	private RequestIds() {
	}

}
