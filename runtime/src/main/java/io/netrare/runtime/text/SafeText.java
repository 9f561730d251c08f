package io.netrare.runtime.text;

/**
 * Makes untrusted text (telemetry field values, HTTP response bodies) safe to show on a terminal, in a log
 * line or inside a Markdown code span, by escaping visibly what a reader must not receive raw:
 * <ul>
 * <li>C0 controls and DEL as {@code \xHH}, except {@code \n}, {@code \r}, {@code \t};</li>
 * <li>C1 controls, format characters (bidi overrides and isolates, zero-width characters, the BOM, tag
 * characters), line and paragraph separators, unassigned code points and lone surrogates as a backslash,
 * {@code u} and four hex digits (a backslash, {@code U} and eight hex digits above the BMP), e.g. the
 * right-to-left override as {@code \}{@code u202e}.</li>
 * </ul>
 * Everything else, including non-Latin letters and emoji, passes unchanged. Stored values (the fields of an
 * alert document) are never escaped; only the text made from them for people is.
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * Escapes {@code text} fully: non-printables as above, and the backslash as {@code \\} so that an escape
     * in the output always stands for a character of the input (the value {@code \x1b} typed as four
     * characters shows as {@code \\x1b}). Null gives {@code "null"}.
     */
    public static String escape(String text) {
        return escape(text, true, false);
    }

    /**
     * Like {@link #escape} and, for a value that goes inside a Markdown code span ({@code `value`}), the
     * backtick as {@code \x60}, so the value cannot close the span and inject Markdown.
     */
    public static String inCode(String text) {
        return escape(text, true, true);
    }

    /**
     * Escapes non-printables only, leaving backslashes alone: for text that should already be safe (a reason
     * line, a rule name, an exception message) on its way to a terminal or log. Idempotent, so text that went
     * through {@link #escape} is printed as it is.
     */
    public static String line(String text) {
        return escape(text, false, false);
    }

    /** True when {@code text} has nothing {@link #line} would escape. */
    public static boolean isPrintable(String text) {
        return text == null || text.codePoints().noneMatch(SafeText::needsEscape);
    }

    private static String escape(String text, boolean backslash, boolean backtick) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String replacement = replacement(cp, backslash, backtick);
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(int cp, boolean backslash, boolean backtick) {
        if (cp == '\\') {
            return backslash ? "\\\\" : null;
        }
        if (cp == '`') {
            return backtick ? "\\x60" : null;
        }
        if (!needsEscape(cp)) {
            return null;
        }
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> cp < 0x80 ? String.format("\\x%02x", cp)
                    : cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
        };
    }

    private static boolean needsEscape(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            return true;
        }
        if (cp < 0x7F) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL            // C1
                || type == Character.FORMAT         // bidi, zero-width, BOM, soft hyphen, tags
                || type == Character.SURROGATE      // lone surrogates (pairs arrive as one code point)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED;
    }
}
