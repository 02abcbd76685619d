package dk.coordination.casework.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dk.coordination.web.DanishTime;

/**
 * Readable case numbers per unit and year ({@code KBH-2026-0007}). The counter row is
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
		// the unit's year turns at midnight in Denmark, not in UTC
		int year = now.atZone(DanishTime.ZONE).getYear();
		int value = this.jdbc.sql("""
				insert into case_number_counter (unit_code, year, last_value) values (:unit, :year, 1)
				on conflict (unit_code, year) do update set last_value = case_number_counter.last_value + 1
				returning last_value
				""").param("unit", unitCode).param("year", year).query(Integer.class).single();
		return "%s-%d-%04d".formatted(unitCode, year, value);
	}

}
