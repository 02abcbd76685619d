package dk.coordination.audit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CSV file as Danish spreadsheets open it: UTF-8 with a byte order mark (so Excel reads
 * æ, ø, å), semicolons between cells (the comma is the Danish decimal separator), CRLF
 * between rows (RFC 4180), and every cell quoted. A cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '},
 * so a spreadsheet shows it as text instead of running it as a formula (CSV injection): a
 * purpose is text a caller chose.
 */
final class Csv {

	private static final String BOM = "\uFEFF";

	private final StringBuilder text = new StringBuilder(BOM);

	Csv(List<String> headers) {
		row(headers.toArray(String[]::new));
	}

	Csv row(String... cells) {
		this.text.append(Arrays.stream(cells).map(Csv::cell).collect(Collectors.joining(";"))).append("\r\n");
		return this;
	}

	byte[] toBytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	static String cell(String value) {
		if (value == null) {
			return "\"\"";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}
