package dk.coordination.web.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.type.LogicalType;

/**
 * Every JSON string of a request becomes text here, and only a JSON string does (no
 * numbers or booleans turned into text).
 * <p>
 * It refuses what is not text a person wrote: NUL and other control characters (tab and
 * line breaks excepted), which PostgreSQL cannot store or which corrupt logs and PDFs,
 * and lone UTF-16 surrogates, which have no UTF-8 form and would be stored as {@code ?}.
 * <p>
 * Text made only of invisible characters (spaces of every script, zero-width spaces, the
 * byte-order mark, soft hyphens, Hangul fillers) becomes {@code ""}. Bean validation's
 * {@code @NotBlank} only knows Java whitespace, so "\u200B" would pass it and a case
 * would get a name nobody can see or search for; as {@code ""} it is caught by
 * {@code @NotBlank} and {@code @Size(min = 1)} like any empty field, and an optional
 * field is treated as not given. Text with something visible in it is kept as written.
 */
final class InputTextDeserializer extends StdScalarDeserializer<String> {

	InputTextDeserializer() {
		super(String.class);
	}

	@Override
	public LogicalType logicalType() {
		return LogicalType.Textual;
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.hasToken(JsonToken.VALUE_STRING)) {
			return (String) context.handleUnexpectedToken(String.class, parser);
		}
		String text = parser.getString();
		String problem = problemOf(text);
		if (problem != null) {
			throw new RejectedText(parser, problem);
		}
		return invisibleOnly(text) ? "" : text;
	}

	static String problemOf(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains a lone surrogate (U+%04X), which is not a character".formatted((int) c);
			}
			else if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
				return "contains the control character U+%04X; only tab and line breaks are allowed".formatted((int) c);
			}
		}
		return null;
	}

	static boolean invisibleOnly(String text) {
		return !text.isEmpty() && text.codePoints().allMatch(InputTextDeserializer::invisible);
	}

	private static boolean invisible(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
				|| Character.getType(codePoint) == Character.FORMAT || codePoint == 0x115F || codePoint == 0x1160
				|| codePoint == 0x3164 || codePoint == 0xFFA0 || codePoint == 0x2800;
	}

	/**
	 * Text refused for what it contains; the reason is safe to show the client, it never
	 * repeats the text.
	 */
	static final class RejectedText extends MismatchedInputException {

		private static final long serialVersionUID = 1L;

		private final String reason;

		RejectedText(JsonParser parser, String reason) {
			super(parser, reason, String.class);
			this.reason = reason;
		}

		String reason() {
			return this.reason;
		}

	}

}
