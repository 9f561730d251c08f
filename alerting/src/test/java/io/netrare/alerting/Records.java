package io.netrare.alerting;

import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Explanation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Anomaly records for tests, shaped as the scoring service writes them. */
final class Records {

    static final String JOB = "v3_linux_anomalous_network_activity";
    static final Instant BUCKET = Instant.parse("2026-11-27T10:00:00Z");

    private Records() {
    }

    static Builder record() {
        return new Builder();
    }

    static final class Builder {
        String recordId = "rec-1";
        long version = 1;
        String jobId = JOB;
        Instant bucket = BUCKET;
        double score = 93;
        double probability = 1.2e-7;
        boolean interim = false;
        String process = "xmrig";
        String host = "web-07";
        String user = "nobody";
        String destination = "141.94.96.144";
        Long seen = 0L;
        Long inModel = 2881L;

        Builder id(String id) { this.recordId = id; return this; }
        Builder version(long v) { this.version = v; return this; }
        Builder job(String j) { this.jobId = j; return this; }
        Builder bucket(Instant b) { this.bucket = b; return this; }
        Builder score(double s) { this.score = s; return this; }
        Builder interim(boolean i) { this.interim = i; return this; }
        Builder process(String p) { this.process = p; return this; }
        Builder host(String h) { this.host = h; return this; }
        Builder user(String u) { this.user = u; return this; }
        Builder destination(String d) { this.destination = d; return this; }

        AnomalyRecord build() {
            List<AnomalyRecord.Influencer> influencers = new ArrayList<>();
            if (host != null) influencers.add(new AnomalyRecord.Influencer("host.name", List.of(host)));
            if (process != null) influencers.add(new AnomalyRecord.Influencer("process.name", List.of(process)));
            if (user != null) influencers.add(new AnomalyRecord.Influencer("user.name", List.of(user)));
            if (destination != null) influencers.add(new AnomalyRecord.Influencer("destination.ip", List.of(destination)));
            Explanation why = new Explanation(seen, 0.0, inModel, seen == 0, bucket, null, 0.0, List.of(),
                    null, null, null, null, "never seen using the network before");
            return new AnomalyRecord(AnomalyRecord.SCHEMA_VERSION, recordId, version, jobId, "record",
                    bucket.toEpochMilli(), 900, 0, "rare", "rare", "process.name", process, null, null,
                    probability, score, score, interim, influencers, "rare", why, bucket.plusSeconds(900));
        }
    }
}
