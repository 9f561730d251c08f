package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Raw telemetry from {@code netrare.raw} (Beats / Elastic Agent Kafka output, or a shipper sending one line per
 * record) to {@code netrare.events}, keyed by the job's entity key; rejected input to the DLQ with its reason.
 * Runs in the loop's transaction, so output and input offsets commit together.
 *
 * <p>Records are grouped by source: for an auditd line in a shipper's JSON envelope ({@link ShippedLine}), its
 * host and file; otherwise the record key (a shipper keys by host and stream), or, for unkeyed auditd lines,
 * their {@code node=}. Each source has its own pipeline per partition ({@link RawJoin}), so an auditd
 * event whose lines came as several records is assembled into one event under the reassembly rules; offsets
 * commit only up to the first record of an event still open, with metadata that lets a restart skip what was
 * emitted.
 */
public final class RawRecordProcessor implements RecordProcessor {

    static final String SERVICE = "ingest";

    private final IngestConfig config;
    private final Topics topics;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxSources;
    private final Map<TopicPartition, RawJoin> partitions = new HashMap<>();
    private final Map<TopicPartition, RawJoin.Resume> resumes = new HashMap<>();
    private final Map<TopicPartition, Long> evictionsSeen = new HashMap<>();
    /** Per partition with state, the position after the last record read. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final EventKeys keys;
    private Output out;

    @Inject
    public RawRecordProcessor(IngestConfig config, Topics topics, IngestMetrics metrics, Clock clock, RawJoinSettings join) {
        this.config = requireNonNull(config, "config is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxSources = requireNonNull(join, "join is null").maxSources();
        this.keys = new EventKeys(config);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Output out) {
        if (record.value() == null) {
            return;
        }
        this.out = out;
        metrics.bytesRead(record.value().length);
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        RawJoin join = partitions.computeIfAbsent(tp, this::join);
        ShippedLine shipped = ShippedLine.of(record.value());
        byte[] lines = shipped == null ? record.value() : shipped.line();
        String source = shipped == null ? sourceOf(record) : shipped.source();
        IngestPipeline pipeline = join.pipeline(source, record.offset());
        try {
            new LineReader(new ByteArrayInputStream(lines), config.limits().maxRecordBytes(), 0)
                    .readAll((buf, off, len, offset, truncated) -> pipeline.line(buf, off, len, record.offset(), truncated));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        pipeline.endOfRecord();
        positions.merge(tp, record.offset() + 1, Math::max);
        metrics.auditGaps(pipeline.auditSequenceGaps());
        countEvictions(tp, join);
    }

    @Override
    public void onTick(Instant now, Output out) {
        this.out = out;
        partitions.values().forEach(RawJoin::tick);
    }

    @Override
    public void onAssigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> committed) {
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata c = committed.get(tp);
            resumes.put(tp, RawJoin.parse(c == null ? null : c.metadata()));
            partitions.remove(tp);
            positions.remove(tp);
        }
    }

    /**
     * Every partition with state commits in every batch, also when it read nothing: an event completed by the
     * clock in {@link #onTick} moves its commit offset and metadata. Runs after {@code onTick}, so outcomes of
     * sources flushed here go to that tick's output (the batch's transaction).
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>(consumed);
        consumed.forEach((tp, o) -> positions.computeIfPresent(tp, (k, p) -> Math.max(p, o.offset())));
        for (Map.Entry<TopicPartition, RawJoin> e : partitions.entrySet()) {
            TopicPartition tp = e.getKey();
            RawJoin join = e.getValue();
            long position = positions.getOrDefault(tp, consumed.containsKey(tp) ? consumed.get(tp).offset() : -1);
            if (position < 0) {
                continue;
            }
            String metadata = join.metadata(position); // may flush sources, moving the commit offset forward
            countEvictions(tp, join);
            out.put(tp, new OffsetAndMetadata(join.commitOffset(position), metadata));
        }
        return out;
    }

    @Override
    public void onRevoked(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            partitions.remove(tp); // its open events are rebuilt by the next owner from the committed offset
            resumes.remove(tp);
            evictionsSeen.remove(tp);
            positions.remove(tp);
        }
    }

    private RawJoin join(TopicPartition tp) {
        return new RawJoin(tp.topic() + "/" + tp.partition(), config, clock, maxSources,
                resumes.getOrDefault(tp, RawJoin.Resume.NONE), (source, outcome) -> {
                    metrics.accept(outcome);
                    send(outcome, tp, source);
                });
    }

    private void countEvictions(TopicPartition tp, RawJoin join) {
        long seen = evictionsSeen.getOrDefault(tp, 0L);
        metrics.rawJoinEvictions(join.evictions() - seen);
        evictionsSeen.put(tp, join.evictions());
    }

    /** The record key; for an unkeyed auditd line, its {@code node=}; otherwise one source per partition. */
    static String sourceOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null) {
            return new String(record.key(), StandardCharsets.UTF_8);
        }
        byte[] v = record.value();
        int n = Math.min(v.length, 256);
        String head = new String(v, 0, n, StandardCharsets.ISO_8859_1);
        int node = head.indexOf("node=");
        if (node >= 0 && (node == 0 || head.charAt(node - 1) == ' ') && head.contains("msg=audit(")) {
            int end = head.indexOf(' ', node);
            return end < 0 ? "" : head.substring(node + 5, end);
        }
        return "";
    }

    private void send(Outcome outcome, TopicPartition tp, String source) {
        if (outcome instanceof Outcome.Emitted e) {
            out.send(topics.events().name(), keys.of(e.event()), EventCodec.encode(e.event()));
        } else if (outcome instanceof Outcome.Rejected r) {
            out.send(DeadLetters.of(topics.deadLetters(SERVICE).name(), tp.topic(), tp.partition(), r.offset(),
                    source.isEmpty() ? null : source.getBytes(StandardCharsets.UTF_8), r.original(), "parse",
                    new RejectedInputException(r.reason().tag() + ": " + r.detail())));
        }
    }

    /** Names the rejection in the dead letter's error headers. */
    static final class RejectedInputException extends RuntimeException {
        RejectedInputException(String message) {
            super(message, null, false, false);
        }
    }
}
