package dk.coordination.web.internal;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.TransactionException;
import org.hibernate.exception.GenericJDBCException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A database that cannot be had (the pool's wait ran out, the server is gone) is a 503
 * the client may retry, not a 500: the benchmark's overload answered 500 before.
 */
class DatabaseUnavailableTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void aPoolThatRanOutIsServiceUnavailableWithRetryAfter() throws Exception {
		this.mvc.perform(get("/pool"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.detail").value("The service cannot reach its database right now. Try again in a few"
					+ " seconds; a POST sent again with the same Idempotency-Key cannot create anything twice."));
	}

	@Test
	void aLostConnectionIsServiceUnavailableToo() throws Exception {
		this.mvc.perform(get("/lost"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"));
	}

	@Test
	void aConnectionLostInTheMiddleOfATransactionIsServiceUnavailable() throws Exception {
		// what DatabaseOutageIntegrationTests met when PostgreSQL was killed: the
		// rollback
		// on the dead connection fails, and Hibernate's statement failure is generic
		for (String path : new String[] { "/rollback", "/statement", "/crash" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "5"));
		}
	}

	@Test
	void anythingElseIsStillAnInternalError() throws Exception {
		this.mvc.perform(get("/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(header().doesNotExist("Retry-After"));
	}

	@RestController
	static class Failing {

		@GetMapping("/pool")
		String pool() {
			throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		}

		@GetMapping("/lost")
		String lost() {
			throw new DataAccessResourceFailureException("connection reset");
		}

		@GetMapping("/rollback")
		String rollback() {
			throw new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed")));
		}

		@GetMapping("/statement")
		String statement() {
			throw new JpaSystemException(new GenericJDBCException("could not execute statement", new SQLException(
					"An I/O error occurred while sending to the backend.", "08006", new EOFException())));
		}

		@GetMapping("/crash")
		String crash() {
			throw new IllegalStateException("wrapped",
					new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01"));
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalStateException("a bug");
		}

	}

}
