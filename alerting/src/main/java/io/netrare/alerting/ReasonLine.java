package io.netrare.alerting;

import io.netrare.schema.AnomalyRecord;
import io.netrare.alerting.rules.NetrareExtensions;
import io.netrare.runtime.config.Durations;
import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Explanation;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one line an analyst reads first, e.g.
 * {@code process `xmrig` on host `web-07` (user `nobody`) connected to 141.94.96.144; seen in 0 of 2,880
 * earlier buckets; record score 93}. Parts the record does not know are left out. Field values are telemetry
 * and may hold anything: they go through {@link SafeText#inCode}, so the line is safe on a terminal, in a log
 * and as Markdown (escapes are visible, e.g. {@code \x1b}), while the alert's ECS fields keep the exact values.
 */
public final class ReasonLine {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ReasonLine() {
    }

    public static String of(AnomalyRecord record) {
        StringBuilder line = new StringBuilder();
        List<String> processes = RecordFields.values(record, "process.name");
        if (!processes.isEmpty()) {
            line.append("process ").append(ticked(processes));
        } else {
            line.append(record.byFieldName() == null ? "value" : SafeText.escape(record.byFieldName())).append(' ')
                    .append(ticked(RecordFields.values(record, "by_field_value")));
        }
        List<String> hosts = RecordFields.values(record, "host.name");
        if (!hosts.isEmpty()) {
            line.append(hosts.size() == 1 ? " on host " : " on hosts ").append(ticked(hosts));
        }
        List<String> users = RecordFields.values(record, "user.name");
        if (!users.isEmpty()) {
            line.append(users.size() == 1 ? " (user " : " (users ").append(ticked(users)).append(')');
        }
        List<String> destinations = RecordFields.values(record, "destination.ip");
        if (!destinations.isEmpty()) {
            line.append(" connected to ").append(destinations.stream().map(ReasonLine::address)
                    .collect(Collectors.joining(", ")));
        } else {
            line.append(" used the network");
        }
        Explanation why = record.explanation();
        if (why != null && why.bucketsSeen() != null && why.bucketsInModel() != null) {
            NumberFormat grouped = NumberFormat.getIntegerInstance(Locale.US);
            long earlier = Math.max(0, why.bucketsInModel() - 1);
            line.append("; seen in ").append(grouped.format(why.bucketsSeen())).append(" of ")
                    .append(grouped.format(earlier)).append(" earlier buckets");
        }
        line.append("; record score ").append(Math.round(record.recordScore()));
        if (record.interim()) {
            line.append(" (interim)");
        }
        return line.toString();
    }

    /**
     * The summary a rate-limited rule appends to the next alert it lets through, e.g.
     * {@code ; 12 more suppressed by the rate limit of 10 per 1m (e.g. `a`, `b`, `c`)}.
     */
    public static String heldBack(long count, List<String> examples, NetrareExtensions.RateLimit limit) {
        StringBuilder s = new StringBuilder("; ").append(count).append(" more suppressed by the rate limit of ")
                .append(limit.maxAlerts()).append(" per ").append(Durations.format(limit.window()));
        if (!examples.isEmpty()) {
            s.append(" (e.g. ").append(ticked(examples)).append(')');
        }
        return s.toString();
    }

    private static String ticked(List<String> values) {
        return values.stream().map(v -> "`" + SafeText.inCode(v) + "`").collect(Collectors.joining(", "));
    }

    /** An IP address as it is; anything else a field may hold goes in a code span, escaped. */
    private static String address(String value) {
        return IP_LITERAL.matcher(value).matches() ? value : "`" + SafeText.inCode(value) + "`";
    }
}
