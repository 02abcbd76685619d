package dk.coordination.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.MDC;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dk.coordination.audit.RequestIds;

/**
 * Counts the SQL statements each HTTP request executes, by the request id the service
 * puts in the MDC ({@code X-Request-Id} of the response), so a test can assert that an
 * endpoint's statements do not grow with the size of its answer. Every statement the
 * service's data source runs on a request's thread is counted, whoever issues it
 * (Hibernate, JdbcClient, Spring Session); one {@code executeBatch} is one statement,
 * since it is one round trip.
 */
public final class StatementCounter {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch");

	private static final int KEPT = 2_000;

	private static final Map<String, List<String>> BY_REQUEST = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
				return size() > KEPT;
			}

		});

	private StatementCounter() {
	}

	/**
	 * The statements a request executed, in order.
	 * @param requestId the {@code X-Request-Id} the service answered with
	 * @return each statement's SQL (an empty list for a request that ran none)
	 */
	public static List<String> statementsOf(String requestId) {
		List<String> statements = BY_REQUEST.get(requestId);
		if (statements == null) {
			return List.of();
		}
		synchronized (statements) {
			return List.copyOf(statements);
		}
	}

	private static void executed(String sql) {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			List<String> statements = BY_REQUEST.computeIfAbsent(requestId,
					(id) -> Collections.synchronizedList(new ArrayList<>()));
			statements.add((sql != null) ? sql.strip().replaceAll("\\s+", " ") : "?");
		}
	}

	static DataSource counting(DataSource target) {
		return new DelegatingDataSource(target) {

			@Override
			public Connection getConnection() throws SQLException {
				return proxy(Connection.class, super.getConnection(), null);
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return proxy(Connection.class, super.getConnection(username, password), null);
			}

		};
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, String sql) {
		InvocationHandler handler = (self, method, arguments) -> {
			Object result = invoke(method, target, arguments);
			if (type == Connection.class && result instanceof Statement statement) {
				String prepared = (arguments != null && arguments.length > 0 && arguments[0] instanceof String text)
						? text : null;
				Class<? extends Statement> kind = (statement instanceof CallableStatement) ? CallableStatement.class
						: (statement instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
				return proxy((Class<Statement>) kind, statement, prepared);
			}
			if (type != Connection.class && EXECUTIONS.contains(method.getName())) {
				executed((arguments != null && arguments.length > 0 && arguments[0] instanceof String text) ? text
						: sql);
			}
			return result;
		};
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** Wraps the service's data source; imported by every integration test. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static BeanPostProcessor statementCountingDataSource() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource))
							? counting(dataSource) : bean;
				}

			};
		}

	}

}
