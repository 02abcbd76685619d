package dk.coordination.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

/**
 * What a page must not put in a URL (a search by CPR number, a citizen's request for
 * insight) kept in the session behind a random reference, which is what the URL carries
 * instead: paging, a CSV export and the back button then work without the number ever
 * reaching a URL, a proxy's log or the browser's history. A reference is worthless in
 * another session. Only the latest few are kept per page, so a session does not grow with
 * every search.
 */
public final class SessionReferences {

	private static final int KEPT = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	private SessionReferences() {
	}

	/**
	 * Keeps the value under a new reference and forgets the oldest beyond the last ten.
	 * @param attribute the session attribute of the page's references, one per page
	 * @param value what to keep; serializable, as the sessions are stored in the database
	 * @return the reference for the URL (96 random bits, URL-safe)
	 */
	public static String remember(HttpSession session, String attribute, Object value) {
		byte[] random = new byte[12];
		RANDOM.nextBytes(random);
		String reference = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		synchronized (session) {
			LinkedHashMap<Object, Object> kept = new LinkedHashMap<>(kept(session, attribute));
			kept.put(reference, value);
			while (kept.size() > KEPT) {
				kept.remove(kept.keySet().iterator().next());
			}
			// set again, so the session store writes the changed map
			session.setAttribute(attribute, kept);
		}
		return reference;
	}

	/**
	 * What the reference stands for, or null when it is unknown here (forgotten, from
	 * another session, or made up) or not of this type.
	 */
	public static <T> T recall(HttpSession session, String attribute, String reference, Class<T> type) {
		if (reference == null) {
			return null;
		}
		Object kept = kept(session, attribute).get(reference);
		return type.isInstance(kept) ? type.cast(kept) : null;
	}

	private static Map<?, ?> kept(HttpSession session, String attribute) {
		return (session.getAttribute(attribute) instanceof Map<?, ?> map) ? map : Map.of();
	}

}
