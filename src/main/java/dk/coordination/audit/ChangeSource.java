package dk.coordination.audit;

import java.util.function.Supplier;

/**
 * Says where the changes of the current transaction come from when it is more than "a
 * request by this user", such as a decision recorded at a meeting. Every revision written
 * while the source is set carries it, so a case's history shows that a status change, a
 * task or a participant came from that decision.
 */
public final class ChangeSource {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private ChangeSource() {
	}

	/**
	 * Runs {@code work} with the source set; it must contain the commit, since Envers
	 * writes revisions when the transaction commits.
	 */
	public static <T> T during(String source, Supplier<T> work) {
		String outer = CURRENT.get();
		CURRENT.set(source);
		try {
			return work.get();
		}
		finally {
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/** The source set by the enclosing {@link #during}, or null. */
	public static String current() {
		return CURRENT.get();
	}

}
