package dk.coordination.web.internal;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers written outside Spring MVC: what {@code /error} and Tomcat's valve say must
 * be a problem and must not pass on the container's message about the cause.
 */
class ErrorPagesTests {

	@Test
	void anErrorForwardedByTheContainerIsAProblemWithoutItsCause() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
		request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "java.lang.IllegalStateException: pool exhausted");
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("pool exhausted"));

		ResponseEntity<ProblemDetail> answer = problem(new ProblemErrorController().error(request));

		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().getDetail()).doesNotContain("pool").doesNotContain("Exception");
	}

	@Test
	void askedForDirectlyThereIsNothingAtError() {
		ResponseEntity<ProblemDetail> answer = problem(
				new ProblemErrorController().error(new MockHttpServletRequest("GET", "/error")));

		assertThat(answer.getStatusCode().value()).isEqualTo(404);
		assertThat(answer.getBody().getStatus()).isEqualTo(404);
	}

	@Test
	void aBrowserAskingForAPageGetsTheDanishErrorPageButTheApiKeepsItsProblem() {
		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/error");
		page.addHeader("Accept", "text/html,application/xhtml+xml");
		page.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 403);
		page.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/sager/123");
		ModelAndView shown = (ModelAndView) new ProblemErrorController().error(page);
		assertThat(shown.getViewName()).isEqualTo("web/fejl");
		assertThat(shown.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(shown.getModel()).containsEntry("status", 403);

		MockHttpServletRequest api = new MockHttpServletRequest("GET", "/error");
		api.addHeader("Accept", "text/html");
		api.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 403);
		api.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/cases");
		assertThat(problem(new ProblemErrorController().error(api)).getHeaders().getContentType())
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<ProblemDetail> problem(Object answer) {
		return (ResponseEntity<ProblemDetail>) answer;
	}

	@Test
	void aQueryParameterThatIsNotTextIsNamed() {
		assertThat(RequestGuard.refusalOf("unit=KBH&from=2027-01-01")).isNull();
		assertThat(RequestGuard.refusalOf("unit=K%00BH")).contains("\"field\":\"unit\"").contains("control character");
		assertThat(RequestGuard.refusalOf("a%01b=1")).contains("\"field\":\"a?b\"");
		assertThat(RequestGuard.refusalOf("cursor=%zz")).contains("\"field\":\"cursor\"").contains("percent");
	}

	@Test
	void theValvesBodyIsJsonOfTheStatus() {
		assertThat(ProblemJson.of(431, ProblemJson.detailFor(431))).startsWith("{\"type\":\"about:blank\"")
			.contains("\"title\":\"Request Header Fields Too Large\"")
			.contains("\"status\":431");
		assertThat(ProblemJson.of(499, "a \"quoted\"\n detail")).contains("\"title\":\"Error\"")
			.contains("\"detail\":\"a \\\"quoted\\\"\\u000a detail\"");
	}

}
