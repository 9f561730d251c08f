package io.netrare.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Every meter the ingest service declares. Names are Micrometer's dotted form; the Prometheus registry
 * exports them as {@code netrare_ingest_records_read_total}, {@code netrare_ingest_events_emitted_total},
 * {@code netrare_ingest_events_filtered_total{reason}}, {@code netrare_ingest_records_rejected_total{reason}},
 * {@code netrare_ingest_input_bytes_total}, {@code netrare_ingest_audit_sequence_gaps_total}.
 */
public final class IngestMetrics implements Consumer<Outcome> {

    private final Counter read;
    private final Counter emitted;
    private final Counter bytes;
    private final Counter auditGaps;
    private final Counter outages;
    private final EnumMap<FilterReason, Counter> filtered = new EnumMap<>(FilterReason.class);
    private final EnumMap<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    public IngestMetrics(MeterRegistry registry) {
        requireNonNull(registry, "registry is null");
        read = Counter.builder("netrare.ingest.records.read").description("input records read (lines; assembled auditd events)")
                .register(registry);
        emitted = Counter.builder("netrare.ingest.events.emitted").description("NetworkEvents that passed the datafeed filter")
                .register(registry);
        bytes = Counter.builder("netrare.ingest.input").baseUnit("bytes").description("input bytes read").register(registry);
        auditGaps = Counter.builder("netrare.ingest.audit.sequence.gaps")
                .description("auditd serials skipped between assembled events (lost records)").register(registry);
        outages = Counter.builder("netrare.ingest.broker.outages")
                .description("broker outages ridden out (producer re-created, read resumed from the last checkpoint)")
                .register(registry);
        for (FilterReason r : FilterReason.values()) {
            filtered.put(r, Counter.builder("netrare.ingest.events.filtered").tag("reason", r.tag())
                    .description("well-formed records the datafeed filter dropped, by reason").register(registry));
        }
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("netrare.ingest.records.rejected").tag("reason", r.tag())
                    .description("input that could not be used, sent to the DLQ, by reason").register(registry));
        }
    }

    @Override
    public void accept(Outcome outcome) {
        read.increment();
        if (outcome instanceof Outcome.Emitted) {
            emitted.increment();
        } else if (outcome instanceof Outcome.Filtered f) {
            filtered.get(f.reason()).increment();
        } else if (outcome instanceof Outcome.Rejected r) {
            rejected.get(r.reason()).increment();
        }
    }

    public void bytesRead(long n) {
        bytes.increment(n);
    }

    public void brokerOutage() {
        outages.increment();
    }

    public void auditGaps(long n) {
        if (n > 0) {
            auditGaps.increment(n);
        }
    }
}
