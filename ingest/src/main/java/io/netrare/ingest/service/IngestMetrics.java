package io.netrare.ingest.service;

import io.netrare.ingest.FilterReason;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.RejectReason;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Every meter the ingest service declares. Names are Micrometer's dotted form; the Prometheus registry
 * exports them as {@code netrare_ingest_records_read_total}, {@code netrare_ingest_events_emitted_total},
 * {@code netrare_ingest_events_filtered_total{reason}}, {@code netrare_ingest_records_rejected_total{reason}},
 * {@code netrare_ingest_input_bytes_total}, {@code netrare_ingest_audit_sequence_gaps_total}, and for the sources
 * {@code netrare_ingest_files_open}, {@code netrare_ingest_files_rotations_total},
 * {@code netrare_ingest_files_truncations_total}, {@code netrare_ingest_files_partial_lines_total},
 * {@code netrare_ingest_raw_join_evictions_total}.
 */
public final class IngestMetrics implements Consumer<Outcome> {

    private static final FilterReason[] FILTER_REASONS = FilterReason.values();
    private static final RejectReason[] REJECT_REASONS = RejectReason.values();

    private final Counter read;
    private final Counter emitted;
    private final Counter bytes;
    private final Counter auditGaps;
    private final Counter outages;
    private final Counter poisonCheckpoints;
    private final Counter rotations;
    private final Counter truncations;
    private final Counter partialLines;
    private final Counter rawJoinEvictions;
    private final java.util.concurrent.atomic.AtomicInteger openFiles = new java.util.concurrent.atomic.AtomicInteger();
    private final long[] lastStats = new long[3];
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
        poisonCheckpoints = Counter.builder("netrare.ingest.checkpoints.unreadable")
                .description("unreadable records on the checkpoints topic, skipped and dead-lettered").register(registry);
        rotations = Counter.builder("netrare.ingest.files.rotations")
                .description("followed files renamed away or deleted (read to their end first)").register(registry);
        truncations = Counter.builder("netrare.ingest.files.truncations")
                .description("followed files truncated or rewritten in place (read again from the start)").register(registry);
        partialLines = Counter.builder("netrare.ingest.files.partial.lines")
                .description("last lines without a newline read after the partial-line timeout").register(registry);
        rawJoinEvictions = Counter.builder("netrare.ingest.raw.join.evictions")
                .description("raw-topic auditd events completed early because too many sources had open events")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("netrare.ingest.files.open", openFiles, java.util.concurrent.atomic.AtomicInteger::get)
                .description("files the file source holds open").register(registry);
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

    /**
     * The outcomes of one batch: the read and emitted counters move once for the batch, not once per record, and
     * the filtered and rejected counters once per reason seen in the batch.
     */
    public <T> void accept(java.util.List<T> batch, java.util.function.Function<T, Outcome> outcome) {
        long emittedNow = 0;
        int[] filteredNow = null;
        int[] rejectedNow = null;
        for (T item : batch) {
            Outcome o = outcome.apply(item);
            if (o instanceof Outcome.Emitted) {
                emittedNow++;
            } else if (o instanceof Outcome.Filtered f) {
                if (filteredNow == null) {
                    filteredNow = new int[FILTER_REASONS.length];
                }
                filteredNow[f.reason().ordinal()]++;
            } else if (o instanceof Outcome.Rejected r) {
                if (rejectedNow == null) {
                    rejectedNow = new int[REJECT_REASONS.length];
                }
                rejectedNow[r.reason().ordinal()]++;
            }
        }
        read.increment(batch.size());
        emitted.increment(emittedNow);
        for (int k = 0; filteredNow != null && k < filteredNow.length; k++) {
            if (filteredNow[k] > 0) {
                filtered.get(FILTER_REASONS[k]).increment(filteredNow[k]);
            }
        }
        for (int k = 0; rejectedNow != null && k < rejectedNow.length; k++) {
            if (rejectedNow[k] > 0) {
                rejected.get(REJECT_REASONS[k]).increment(rejectedNow[k]);
            }
        }
    }

    /** The file source's state after a poll: open files and what its tailer noticed so far. */
    public void files(int open, io.netrare.ingest.files.FileTailer.Stats stats) {
        openFiles.set(open);
        advance(rotations, stats.rotations(), 0);
        advance(truncations, stats.truncations(), 1);
        advance(partialLines, stats.partialLinesTimedOut(), 2);
    }

    private void advance(Counter counter, long total, int slot) {
        long delta = total - lastStats[slot];
        if (delta > 0) {
            counter.increment(delta);
            lastStats[slot] = total;
        }
    }

    /** auditd events whose open state was completed early by the raw-topic join's bound on sources. */
    public void rawJoinEvictions(long n) {
        if (n > 0) {
            rawJoinEvictions.increment(n);
        }
    }

    public void bytesRead(long n) {
        bytes.increment(n);
    }

    public void poisonCheckpoint() {
        poisonCheckpoints.increment();
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
