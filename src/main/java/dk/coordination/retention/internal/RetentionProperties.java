package dk.coordination.retention.internal;

import java.time.Period;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dk.coordination.casework.ClosingReason;

/**
 * How long a closed case is kept, per closing reason, counted from its closing (and never
 * anonymised before its last review); a unit may set its own period for some reasons.
 * Read by {@link RetentionRules}, which refuses a start without a period for every
 * reason.
 *
 * @param periods the default period per closing reason
 * @param units per unit code, the reasons whose period differs from the default
 * @param accessLogLink how long a read that was never tied to a case (a search for a
 * person) keeps the keyed hash that links it to the person
 * @param schedule when the daily run starts (cron, Europe/Copenhagen)
 * @param batchSize cases anonymised per transaction
 */
@Validated
@ConfigurationProperties("coordination.retention")
record RetentionProperties(@NotNull Map<ClosingReason, Period> periods,
		@DefaultValue Map<String, Map<ClosingReason, Period>> units, @NotNull Period accessLogLink,
		@DefaultValue("0 30 2 * * *") @NotBlank String schedule, @DefaultValue("50") @Min(1) int batchSize) {

	RetentionProperties {
		periods = (periods == null || periods.isEmpty()) ? Map.of() : new EnumMap<>(periods);
		units = (units == null) ? Map.of() : Map.copyOf(units);
	}

}
