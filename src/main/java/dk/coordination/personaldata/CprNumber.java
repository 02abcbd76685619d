package dk.coordination.personaldata;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Danish CPR number, {@code DDMMYY-SSSS}. Since 2007 not every number satisfies the
 * modulus-11 check, so only the shape and the date part are validated. The century
 * follows the official table from the seventh digit, so the birth date is the real one.
 */
public final class CprNumber {

	private static final Pattern SHAPE = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})-?(\\d{4})");

	private final String digits;

	private final LocalDate birthDate;

	private CprNumber(String digits, LocalDate birthDate) {
		this.digits = digits;
		this.birthDate = birthDate;
	}

	/**
	 * Parses {@code DDMMYYSSSS} or {@code DDMMYY-SSSS}.
	 * @throws IllegalArgumentException with a message fit for the caller when it is not a
	 * CPR number
	 */
	public static CprNumber parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("CPR number is missing");
		}
		Matcher matcher = SHAPE.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("CPR number must be DDMMYYSSSS or DDMMYY-SSSS");
		}
		int day = Integer.parseInt(matcher.group(1));
		int month = Integer.parseInt(matcher.group(2));
		int yearOfCentury = Integer.parseInt(matcher.group(3));
		String serial = matcher.group(4);
		int year = century(serial.charAt(0) - '0', yearOfCentury) + yearOfCentury;
		try {
			LocalDate birthDate = LocalDate.of(year, month, day);
			return new CprNumber(matcher.group(1) + matcher.group(2) + matcher.group(3) + serial, birthDate);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("CPR number's date part " + matcher.group(1) + matcher.group(2)
					+ matcher.group(3) + " is not a real date");
		}
	}

	/** Whether {@code text} is a CPR number, without saying why not. */
	public static boolean isValid(String text) {
		try {
			parse(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// CPR-kontoret's table: the seventh digit together with the year gives the century
	private static int century(int seventh, int yearOfCentury) {
		if (seventh <= 3) {
			return 1900;
		}
		if (seventh == 4 || seventh == 9) {
			return (yearOfCentury <= 36) ? 2000 : 1900;
		}
		return (yearOfCentury <= 57) ? 2000 : 1800;
	}

	/**
	 * Ten digits without separator: the one canonical form that is hashed and encrypted.
	 */
	public String digits() {
		return this.digits;
	}

	/** {@code DDMMYY-SSSS}. */
	public String formatted() {
		return this.digits.substring(0, 6) + "-" + this.digits.substring(6);
	}

	/** {@code DDMMYY-xxxx}: what lists show. */
	public String masked() {
		return this.digits.substring(0, 6) + "-xxxx";
	}

	public LocalDate birthDate() {
		return this.birthDate;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CprNumber cpr && cpr.digits.equals(this.digits);
	}

	@Override
	public int hashCode() {
		return this.digits.hashCode();
	}

	/** Never the number itself, so it cannot leak into logs by accident. */
	@Override
	public String toString() {
		return "CprNumber[" + masked() + "]";
	}

}
