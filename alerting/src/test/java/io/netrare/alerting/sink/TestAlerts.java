package io.netrare.alerting.sink;

import io.netrare.alerting.AlertFactory;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;

import java.time.Instant;
import java.util.List;

/** An alert as the engine raises it, for sink tests. */
final class TestAlerts {

    private TestAlerts() {
    }

    static Alert alert(String recordId, Instant now) {
        Instant bucket = Instant.parse("2026-11-27T10:00:00Z");
        AnomalyRecord record = new AnomalyRecord(1, recordId, 1, "v3_linux_anomalous_network_activity", "record",
                bucket.toEpochMilli(), 900, 0, "rare", "rare", "process.name", "xmrig", null, null, 1e-7, 93, 93,
                false, List.of(new AnomalyRecord.Influencer("host.name", List.of("web-07")),
                new AnomalyRecord.Influencer("process.name", List.of("xmrig")),
                new AnomalyRecord.Influencer("user.name", List.of("nobody")),
                new AnomalyRecord.Influencer("destination.ip", List.of("141.94.96.144"))),
                "rare", new Explanation(0L, 0.0, 2881L, true, bucket, null, 0.0, List.of(), null, null, null, null, null),
                bucket.plusSeconds(900));
        return AlertFactory.create(new RuleLoader().loadDefault(), record, now);
    }
}
