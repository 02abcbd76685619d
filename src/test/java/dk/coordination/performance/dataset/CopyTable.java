package dk.coordination.performance.dataset;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The rows of one table in PostgreSQL's COPY text format, encoded as UTF-8 as they are
 * added: tab between columns, {@code \N} for null, backslash escapes, bytea as
 * {@code \\x} hex. One chunk of the data set per instance; {@link MillionCases} hands the
 * bytes to {@code CopyManager} and starts the next chunk with a fresh one.
 */
final class CopyTable {

	private static final byte[] HEX = "0123456789abcdef".getBytes();

	/** Dates of 1990 to 2059 as text, by day since the epoch: every row has several. */
	private static final int FIRST_DAY = (int) LocalDate.of(1990, 1, 1).toEpochDay();

	private static final byte[][] DAYS = new byte[(int) (LocalDate.of(2060, 1, 1).toEpochDay() - FIRST_DAY)][];

	static {
		for (int i = 0; i < DAYS.length; i++) {
			DAYS[i] = LocalDate.ofEpochDay(FIRST_DAY + i).toString().getBytes();
		}
	}

	final String name;

	final String columns;

	private byte[] bytes = new byte[1 << 16];

	private int size;

	private boolean rowStarted;

	private long rows;

	CopyTable(String name, String columns) {
		this.name = name;
		this.columns = columns;
	}

	/** A new, empty buffer for the same table. */
	CopyTable fresh() {
		return new CopyTable(this.name, this.columns);
	}

	String copySql() {
		return "copy " + this.name + " (" + this.columns + ") from stdin";
	}

	long rows() {
		return this.rows;
	}

	byte[] bytes() {
		return this.bytes;
	}

	int size() {
		return this.size;
	}

	private void separate() {
		if (this.rowStarted) {
			put((byte) '\t');
		}
		this.rowStarted = true;
	}

	CopyTable nul() {
		separate();
		ensure(2);
		this.bytes[this.size++] = '\\';
		this.bytes[this.size++] = 'N';
		return this;
	}

	CopyTable text(String value) {
		if (value == null) {
			return nul();
		}
		separate();
		ensure(value.length() * 3);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				switch (c) {
					case '\\' -> {
						this.bytes[this.size++] = '\\';
						this.bytes[this.size++] = '\\';
					}
					case '\t' -> {
						this.bytes[this.size++] = '\\';
						this.bytes[this.size++] = 't';
					}
					case '\n' -> {
						this.bytes[this.size++] = '\\';
						this.bytes[this.size++] = 'n';
					}
					case '\r' -> {
						this.bytes[this.size++] = '\\';
						this.bytes[this.size++] = 'r';
					}
					default -> this.bytes[this.size++] = (byte) c;
				}
			}
			else if (c < 0x800) {
				this.bytes[this.size++] = (byte) (0xC0 | (c >> 6));
				this.bytes[this.size++] = (byte) (0x80 | (c & 0x3F));
			}
			else {
				// no surrogate pairs in the generator's texts
				this.bytes[this.size++] = (byte) (0xE0 | (c >> 12));
				this.bytes[this.size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				this.bytes[this.size++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		return this;
	}

	CopyTable uuid(UUID value) {
		return (value == null) ? nul() : text(value.toString());
	}

	CopyTable number(long value) {
		separate();
		ensure(20);
		if (value < 0) {
			this.bytes[this.size++] = '-';
			value = -value;
		}
		int start = this.size;
		do {
			this.bytes[this.size++] = (byte) ('0' + value % 10);
			value /= 10;
		}
		while (value > 0);
		reverse(start, this.size - 1);
		return this;
	}

	CopyTable bool(boolean value) {
		separate();
		put((byte) (value ? 't' : 'f'));
		return this;
	}

	/**
	 * A timestamp with time zone, in UTC with milliseconds; {@code Long.MIN_VALUE} is
	 * null.
	 */
	CopyTable instant(long epochMillis) {
		if (epochMillis == Long.MIN_VALUE) {
			return nul();
		}
		separate();
		long day = Math.floorDiv(epochMillis, 86_400_000L);
		int inDay = (int) Math.floorMod(epochMillis, 86_400_000L);
		byte[] date = DAYS[(int) (day - FIRST_DAY)];
		ensure(date.length + 16);
		System.arraycopy(date, 0, this.bytes, this.size, date.length);
		this.size += date.length;
		this.bytes[this.size++] = ' ';
		two(inDay / 3_600_000);
		this.bytes[this.size++] = ':';
		two(inDay / 60_000 % 60);
		this.bytes[this.size++] = ':';
		two(inDay / 1000 % 60);
		this.bytes[this.size++] = '.';
		int millis = inDay % 1000;
		this.bytes[this.size++] = (byte) ('0' + millis / 100);
		this.bytes[this.size++] = (byte) ('0' + millis / 10 % 10);
		this.bytes[this.size++] = (byte) ('0' + millis % 10);
		this.bytes[this.size++] = '+';
		this.bytes[this.size++] = '0';
		this.bytes[this.size++] = '0';
		return this;
	}

	/** A date by its epoch day; {@code Integer.MIN_VALUE} is null. */
	CopyTable date(int epochDay) {
		if (epochDay == Integer.MIN_VALUE) {
			return nul();
		}
		separate();
		byte[] date = DAYS[epochDay - FIRST_DAY];
		ensure(date.length);
		System.arraycopy(date, 0, this.bytes, this.size, date.length);
		this.size += date.length;
		return this;
	}

	CopyTable bytea(byte[] value) {
		if (value == null) {
			return nul();
		}
		separate();
		ensure(3 + value.length * 2);
		// the text format's backslash is escaped, so bytea's \x arrives as \\x
		this.bytes[this.size++] = '\\';
		this.bytes[this.size++] = '\\';
		this.bytes[this.size++] = 'x';
		for (byte b : value) {
			this.bytes[this.size++] = HEX[(b >> 4) & 0xF];
			this.bytes[this.size++] = HEX[b & 0xF];
		}
		return this;
	}

	void end() {
		put((byte) '\n');
		this.rowStarted = false;
		this.rows++;
	}

	private void two(int value) {
		this.bytes[this.size++] = (byte) ('0' + value / 10);
		this.bytes[this.size++] = (byte) ('0' + value % 10);
	}

	private void put(byte b) {
		ensure(1);
		this.bytes[this.size++] = b;
	}

	private void reverse(int from, int to) {
		while (from < to) {
			byte swap = this.bytes[from];
			this.bytes[from++] = this.bytes[to];
			this.bytes[to--] = swap;
		}
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
		}
	}

	static long millis(LocalDate date) {
		return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
	}

}
