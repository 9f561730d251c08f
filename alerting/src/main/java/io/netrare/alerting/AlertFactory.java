package io.netrare.alerting;

import io.netrare.alerting.rules.Rule;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds the alert document of a rule on a record. */
public final class AlertFactory {

    private AlertFactory() {
    }

    /**
     * @param now when the alert is raised; lateness is measured from the end of the record's bucket to it
     */
    public static Alert create(Rule rule, AnomalyRecord record, Instant now) {
        return create(rule, record, now, "");
    }

    /**
     * @param reasonSuffix appended to the reason line (already safe text), e.g. what a rate limit held back
     */
    public static Alert create(Rule rule, AnomalyRecord record, Instant now, String reasonSuffix) {
        Instant bucketStart = Instant.ofEpochMilli(record.timestamp());
        Instant bucketEnd = bucketStart.plusSeconds(record.bucketSpan());
        long lateness = Math.max(0, Duration.between(bucketEnd, now).toMillis());
        boolean late = lateness > rule.lookback().toMillis();
        Alert.AnomalyInfo anomaly = new Alert.AnomalyInfo(record.jobId(), record.recordId(), record.version(),
                record.recordScore(), record.initialRecordScore(), record.probability(), record.interim(),
                record.byFieldName(), record.byFieldValue(), record.partitionFieldName(),
                record.partitionFieldValue(), record.explanation());
        return new Alert(Alert.SCHEMA_VERSION, now, AlertIds.of(rule.ruleId(), record.jobId(), record.recordId()),
                bucketStart, rule.info(), rule.severity().label(), rule.riskScore(), ReasonLine.of(record) + reasonSuffix, rule.note(),
                anomaly,
                new Alert.EcsHost(orNull(RecordFields.values(record, "host.name"))),
                new Alert.EcsProcess(orNull(RecordFields.values(record, "process.name"))),
                new Alert.EcsUser(orNull(RecordFields.values(record, "user.name"))),
                new Alert.EcsDestination(orNull(RecordFields.values(record, "destination.ip"))),
                lateness, late, 0);
    }

    private static List<String> orNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }
}
