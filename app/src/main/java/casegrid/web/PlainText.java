package casegrid.web;

import java.util.Optional;

/**
 * What a user-typed text may contain. Control characters (NUL, BEL, ESC, ...) have no place in a
 * title or a name: PostgreSQL refuses NUL outright (a 500 instead of a 400), the others garble
 * ledgers, exports and the archive PDF. Bidirectional overrides are refused too, since they let a
 * text display differently from what it says. Line breaks and tabs are allowed where a field is
 * multi-line.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The first character {@code value} must not contain, as "U+0007", or empty when it is clean. */
    public static Optional<String> firstDisallowed(String value, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!allowed(c, multiline)) {
                return Optional.of(String.format("U+%04X", c));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** A problem for {@code field} when {@code value} holds a disallowed character; {@code label} names it for the user. */
    public static Optional<FieldProblem> problem(String field, String label, String value, boolean multiline) {
        return firstDisallowed(value, multiline).map(c -> new FieldProblem(field,
                label + "含有不允许的控制字符 " + c + "（control characters are not allowed）"));
    }

    private static boolean allowed(int c, boolean multiline) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return multiline;
        }
        boolean bidiControl = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        int type = Character.getType(c);
        // A surrogate here is a lone one (codePointAt joins pairs): not a character at all.
        return type != Character.CONTROL && type != Character.SURROGATE && !bidiControl && c != 0xFFFE && c != 0xFFFF;
    }
}
