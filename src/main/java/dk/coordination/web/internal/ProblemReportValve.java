package dk.coordination.web.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's last word on an error nobody else answered: requests that fail before they
 * reach Spring (a malformed URL such as {@code %zz}, headers over the size limit) and
 * errors no error page handled. Tomcat's own valve writes an HTML page naming the server;
 * this writes a small problem instead, so every error of the API has one format and tells
 * nothing about the stack behind it.
 */
final class ProblemReportValve extends ErrorReportValve {

	ProblemReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// the same guards as the base class: only errors, only once, only when no body
		// has been written and the connection can still take one
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(ProblemJson.MEDIA_TYPE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ProblemJson.of(status, ProblemJson.detailFor(status)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed meanwhile; nothing to tell
		}
	}

}
