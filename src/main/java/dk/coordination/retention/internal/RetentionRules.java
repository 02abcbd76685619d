package dk.coordination.retention.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dk.coordination.casework.ClosingReason;

/**
 * The retention rules in force: for a unit and a closing reason, how long after closing a
 * case is kept (and never past its last review). Checked once at start, so a rule missing
 * for a closing reason, a period of zero or less, or a unit rule naming a reason that
 * does not exist stops the service with that message instead of keeping a case for ever
 * or erasing it at once.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionRules {

	private final Map<ClosingReason, Period> defaults;

	private final Map<String, Map<ClosingReason, Period>> units;

	private final Period accessLogLink;

	RetentionRules(RetentionProperties properties) {
		List<String> problems = new ArrayList<>();
		for (ClosingReason reason : ClosingReason.values()) {
			Period period = properties.periods().get(reason);
			if (period == null) {
				problems.add("coordination.retention.periods." + reason + " is missing");
			}
			else if (!isPositive(period)) {
				problems.add("coordination.retention.periods." + reason + " must be longer than zero, not " + period);
			}
		}
		properties.units().forEach((unit, periods) -> periods.forEach((reason, period) -> {
			if (!isPositive(period)) {
				problems.add("coordination.retention.units." + unit + "." + reason + " must be longer than zero, not "
						+ period);
			}
		}));
		if (!isPositive(properties.accessLogLink())) {
			problems.add("coordination.retention.access-log-link must be longer than zero");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The retention rules are incomplete: " + String.join("; ", problems));
		}
		this.defaults = new EnumMap<>(properties.periods());
		Map<String, Map<ClosingReason, Period>> units = new TreeMap<>();
		properties.units().forEach((unit, periods) -> units.put(unit, new EnumMap<>(periods)));
		this.units = units;
		this.accessLogLink = properties.accessLogLink();
	}

	private static boolean isPositive(Period period) {
		return period != null && !period.isNegative() && !period.isZero();
	}

	Period period(String unit, ClosingReason reason) {
		Map<ClosingReason, Period> own = this.units.getOrDefault(unit, Map.of());
		return own.getOrDefault(reason, this.defaults.get(reason));
	}

	/**
	 * The first day a closed case of this unit and closing reason may be anonymised: its
	 * period after closing, but never before its last review (done or still due), since
	 * until then the unit is still following it.
	 * @param closedOn the Danish date it was closed (its current closed spell)
	 * @param lastReviewOn the date of its last review that was not cancelled, if any
	 */
	LocalDate dueOn(String unit, ClosingReason reason, LocalDate closedOn, LocalDate lastReviewOn) {
		LocalDate due = closedOn.plus(period(unit, reason));
		return (lastReviewOn != null && lastReviewOn.isAfter(due)) ? lastReviewOn : due;
	}

	Period accessLogLink() {
		return this.accessLogLink;
	}

	/** The rules as the administrator sees them: the defaults and each unit's own. */
	Rules describe() {
		Map<String, Map<ClosingReason, String>> units = new TreeMap<>();
		this.units.forEach((unit, periods) -> {
			Map<ClosingReason, String> texts = new EnumMap<>(ClosingReason.class);
			periods.forEach((reason, period) -> texts.put(reason, period.toString()));
			units.put(unit, texts);
		});
		Map<ClosingReason, String> defaults = new EnumMap<>(ClosingReason.class);
		this.defaults.forEach((reason, period) -> defaults.put(reason, period.toString()));
		return new Rules(defaults, units, this.accessLogLink.toString());
	}

	record Rules(Map<ClosingReason, String> periods, Map<String, Map<ClosingReason, String>> units,
			String accessLogLink) {
	}

}
