package io.netrare.alerting;

import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.alerting.rules.NetrareExtensions.Entry;
import io.netrare.alerting.rules.NetrareExtensions.ExceptionItem;
import io.netrare.schema.AnomalyRecord;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule's exception list. An item matches when all its entries match; an entry matches when any value
 * of a (possibly multi-valued) field matches, as Kibana's exceptions do on array fields. A field the
 * record lacks matches nothing.
 */
public final class ExceptionMatcher {

    private final List<ExceptionItem> items;
    private final List<List<Pattern>> wildcards;

    public ExceptionMatcher(List<ExceptionItem> items) {
        this.items = List.copyOf(items);
        this.wildcards = this.items.stream().flatMap(i -> i.entries().stream())
                .map(e -> e.values().stream().map(ExceptionMatcher::wildcard).toList()).toList();
    }

    /** The first matching item, if any. */
    public Optional<ExceptionItem> match(AnomalyRecord record) {
        int entryIndex = 0;
        for (ExceptionItem item : items) {
            boolean all = !item.entries().isEmpty();
            for (Entry entry : item.entries()) {
                all &= matches(entry, wildcards.get(entryIndex++), RecordFields.values(record, entry.field()));
            }
            if (all) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Entry entry, List<Pattern> patterns, List<String> actual) {
        for (String value : actual) {
            switch (entry.operator()) {
                case IS -> {
                    if (value.equals(entry.values().get(0))) {
                        return true;
                    }
                }
                case IS_ONE_OF -> {
                    if (entry.values().contains(value)) {
                        return true;
                    }
                }
                case WILDCARD -> {
                    for (Pattern p : patterns) {
                        if (p.matcher(value).matches()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** {@code *} any run of characters, {@code ?} one character; everything else literal. */
    static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    static ExceptionMatcher of(NetrareExtensions extensions) {
        return new ExceptionMatcher(extensions.exceptions());
    }
}
