package dk.coordination.web.internal;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes the errors that never reach a controller answer as problems too: Tomcat's error
 * report ({@link ProblemReportValve}), and requests with a Content-Type that names no
 * media type ({@link RequestGuard}).
 */
@Configuration(proxyBeanMethods = false)
class ErrorResponsesConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return new ProblemErrorReports();
	}

	@Bean
	RequestGuard requestGuard() {
		return new RequestGuard();
	}

	/**
	 * Runs after Boot's own customizer, which installs a plain {@code ErrorReportValve}
	 * on the host, and replaces it.
	 */
	static final class ProblemErrorReports
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemReportValve());
				if (host instanceof StandardHost standard) {
					// so the host does not add Tomcat's default valve when it starts
					standard.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
