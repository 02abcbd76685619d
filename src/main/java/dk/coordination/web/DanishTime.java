package dk.coordination.web;

import java.time.ZoneId;

/**
 * The service's one time zone. Instants are stored in UTC; calendar days (due dates,
 * follow-up and review dates, case-number years, meeting days) and the times the API
 * shows are Danish.
 */
public final class DanishTime {

	public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

	private DanishTime() {
	}

}
