package io.netrare.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a table or key in TOML text. The TOML parser only reports positions for syntax
 * errors; a missing or invalid key must still be reported with a line, so we look it up in the text.
 * Multi-line strings are skipped so that a "key = ..." inside a description is not taken for a key.
 */
final class TomlLines {

    private static final Pattern HEADER = Pattern.compile("^\\s*(\\[\\[?)\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_\\-\"']+)\\s*=");

    /** One logical line: its 1-based number, the table it sits in (with occurrence), and its key or header. */
    private record Line(int number, String table, int occurrence, String key, boolean header) {
    }

    private final List<Line> lines = new ArrayList<>();

    TomlLines(String text) {
        String[] raw = text.split("\r?\n", -1);
        String table = "";
        java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();
        int occurrence = 0;
        String openQuote = null;
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            if (openQuote != null) {
                if (line.contains(openQuote)) {
                    openQuote = null;
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher key = KEY.matcher(line);
            if (header.matches() && !line.contains("=")) {
                table = header.group(2);
                occurrence = occurrences.merge(table, 1, Integer::sum) - 1;
                lines.add(new Line(i + 1, table, occurrence, null, true));
            } else if (key.find()) {
                lines.add(new Line(i + 1, table, occurrence, unquote(key.group(1)), false));
                String rest = line.substring(key.end());
                openQuote = openMultiline(rest);
            }
        }
    }

    private static String openMultiline(String valueText) {
        for (String quote : new String[] {"\"\"\"", "'''"}) {
            int first = valueText.indexOf(quote);
            if (first >= 0) {
                return valueText.indexOf(quote, first + 3) >= 0 ? null : quote;
            }
        }
        return null;
    }

    private static String unquote(String key) {
        return key.replace("\"", "").replace("'", "");
    }

    /** Line of {@code key} in the {@code occurrence}-th table named {@code table}, else of the table, else 1. */
    int lineOf(String table, int occurrence, String key) {
        for (Line line : lines) {
            if (!line.header && line.table.equals(table) && line.occurrence == occurrence && line.key.equals(key)) {
                return line.number;
            }
        }
        return lineOfTable(table, occurrence);
    }

    int lineOf(String table, String key) {
        return lineOf(table, 0, key);
    }

    /** Line of the header of the {@code occurrence}-th table named {@code table}, or 1 when absent. */
    int lineOfTable(String table, int occurrence) {
        for (Line line : lines) {
            if (line.header && line.table.equals(table) && line.occurrence == occurrence) {
                return line.number;
            }
        }
        return 1;
    }
}
