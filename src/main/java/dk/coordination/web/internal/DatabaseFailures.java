package dk.coordination.web.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.hibernate.TransactionException;

/**
 * Tells a lost or unobtainable database connection from other failures, whatever
 * Hibernate, Spring's transaction management or the pool wrapped it in. What counts is
 * JDBC's own verdict: the connection exception classes, and the SQL states of class
 * {@code 08} (connection exception: the PostgreSQL driver's I/O errors, Hikari's closed
 * connection) and {@code 57P} (the server shut down or crashed, or is still starting).
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	static boolean lostConnection(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof TransactionException && cause.getCause() instanceof SQLException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

}
