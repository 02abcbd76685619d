package dk.coordination.casework.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dk.coordination.web.DanishTime;

/**
 * Readable numbers per unit and year: case numbers ({@code KBH-2026-0007}) and the
 * receipt numbers of referrals ({@code H-KBH-2026-00012}). A receipt has a series of its
 * own so that it says nothing about the case the referral went to. The counter row is
 * upserted and incremented in one statement, so concurrent intakes never draw the same
 * number, and the increment rolls back with a failed intake, leaving no gap.
 */
@Component
class CaseNumbers {

	private final JdbcClient jdbc;

	CaseNumbers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String next(String unitCode, Instant now) {
		int year = yearOf(now);
		return "%s-%d-%04d".formatted(unitCode, year, draw(unitCode, "CASE", year));
	}

	String nextReceipt(String unitCode, Instant now) {
		int year = yearOf(now);
		return "H-%s-%d-%05d".formatted(unitCode, year, draw(unitCode, "REFERRAL", year));
	}

	private static int yearOf(Instant now) {
		// the unit's year turns at midnight in Denmark, not in UTC
		return now.atZone(DanishTime.ZONE).getYear();
	}

	private int draw(String unitCode, String series, int year) {
		return this.jdbc.sql("""
				insert into case_number_counter (unit_code, series, year, last_value) values (:unit, :series, :year, 1)
				on conflict (unit_code, series, year) do update set last_value = case_number_counter.last_value + 1
				returning last_value
				""").param("unit", unitCode).param("series", series).param("year", year).query(Integer.class).single();
	}

}
