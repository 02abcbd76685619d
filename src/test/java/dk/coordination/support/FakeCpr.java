package dk.coordination.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPR numbers that are obviously fictional (serial 9xx0 on the 1st to 28th of a month)
 * and unique within a test JVM, so tests never meet each other's subjects.
 */
public final class FakeCpr {

	private static final AtomicInteger NEXT = new AtomicInteger();

	private FakeCpr() {
	}

	/** {@code DDMMYY-SSSS}. */
	public static String next() {
		int n = NEXT.getAndIncrement();
		int day = 1 + n % 28;
		int month = 1 + (n / 28) % 12;
		int year = 60 + (n / 336) % 30;
		return "%02d%02d%02d-%04d".formatted(day, month, year, 9000 + (n % 100) * 10);
	}

}
