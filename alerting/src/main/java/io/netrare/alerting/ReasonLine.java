package io.netrare.alerting;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one line an analyst reads first, e.g.
 * {@code process `xmrig` on host `web-07` (user `nobody`) connected to 141.94.96.144; seen in 0 of 2,880
 * earlier buckets; record score 93}. Parts the record does not know are left out.
 */
public final class ReasonLine {

    private ReasonLine() {
    }

    public static String of(AnomalyRecord record) {
        StringBuilder line = new StringBuilder();
        List<String> processes = RecordFields.values(record, "process.name");
        if (!processes.isEmpty()) {
            line.append("process ").append(ticked(processes));
        } else {
            line.append(record.byFieldName() == null ? "value" : record.byFieldName()).append(' ')
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
            line.append(" connected to ").append(String.join(", ", destinations));
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

    private static String ticked(List<String> values) {
        return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
    }
}
