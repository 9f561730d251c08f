package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.schema.Json;
import io.netrare.schema.Topics;
import io.netrare.schema.spi.EntityKey;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Raw telemetry from {@code netrare.raw} (Beats / Elastic Agent Kafka output: one document per record) to
 * {@code netrare.events}, keyed by the job's entity key; rejected input to the DLQ with its reason. Runs in
 * the loop's transaction, so output and input offsets commit together. Each Kafka record is its own stream:
 * raw auditd lines are grouped within one record (auditd events split across records are not joined).
 */
public final class RawRecordProcessor implements RecordProcessor {

    static final String SERVICE = "ingest";

    private final IngestConfig config;
    private final Topics topics;
    private final IngestMetrics metrics;
    private final Clock clock;

    @Inject
    public RawRecordProcessor(IngestConfig config, Topics topics, IngestMetrics metrics, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Output out) {
        if (record.value() == null) {
            return;
        }
        String source = record.topic() + "/" + record.partition() + "@" + record.offset();
        metrics.bytesRead(record.value().length);
        IngestPipeline pipeline = new IngestPipeline(config, clock, source, outcome -> {
            metrics.accept(outcome);
            send(outcome, record, out);
        });
        try {
            new LineReader(new ByteArrayInputStream(record.value()), config.limits().maxRecordBytes(), 0).readAll(pipeline::line);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        pipeline.finish();
        metrics.auditGaps(pipeline.auditSequenceGaps());
    }

    private void send(Outcome outcome, ConsumerRecord<byte[], byte[]> record, Output out) {
        if (outcome instanceof Outcome.Emitted e) {
            EntityKey key = config.job().entityKey(e.event());
            byte[] k = key == null ? null : key.kafkaKey().getBytes(StandardCharsets.UTF_8);
            out.send(topics.events().name(), k, Json.write(e.event()));
        } else if (outcome instanceof Outcome.Rejected r) {
            ProducerRecord<byte[], byte[]> letter = DeadLetters.of(topics.deadLetters(SERVICE).name(), record, "parse",
                    new RejectedInputException(r.reason().tag() + ": " + r.detail()));
            out.send(new ProducerRecord<>(letter.topic(), null, letter.key(), r.original(), letter.headers()));
        }
    }

    /** Names the rejection in the dead letter's error headers. */
    static final class RejectedInputException extends RuntimeException {
        RejectedInputException(String message) {
            super(message, null, false, false);
        }
    }
}
