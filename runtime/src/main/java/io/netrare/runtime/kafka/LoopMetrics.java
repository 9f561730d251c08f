package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.FunctionTimer;
import io.netrare.runtime.metrics.Metrics;

import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The meters of one {@link KafkaLoop}, all tagged {@code loop=<loop name>}. Prometheus names:
 * <ul>
 * <li>{@code netrare_<service>_records_consumed_total{loop,topic}}</li>
 * <li>{@code netrare_<service>_records_produced_total{loop,topic}} (dead letters excluded)</li>
 * <li>{@code netrare_<service>_records_dead_lettered_total{loop,stage,reason}} (reason = exception class)</li>
 * <li>{@code netrare_<service>_records_skipped_total{loop,stage,reason}}</li>
 * <li>{@code netrare_<service>_processing_retries_total{loop,stage}}</li>
 * <li>{@code netrare_<service>_processing_failures_total{loop,stage,policy}} (failures after retries)</li>
 * <li>{@code netrare_<service>_transactions_total{loop,outcome=committed|aborted}}</li>
 * <li>{@code netrare_<service>_offset_commits_total{loop}} (at-least-once mode)</li>
 * <li>{@code netrare_<service>_record_processing_seconds{loop}} (count of records processed and the time they took,
 * summed; counted once per partition of each poll, not once per record)</li>
 * </ul>
 */
public final class LoopMetrics {

    private final MeterRegistry registry;
    private final String service;
    private final String loop;
    private final Counter committed;
    private final Counter aborted;
    private final Counter offsetCommits;
    /** Records processed and their time: written by the loop's thread only, once per partition of a poll. */
    private volatile long processedRecords;
    private volatile long processedNanos;
    // per-topic counters are looked up per record: cache them (registration is a synchronized map lookup)
    private final java.util.Map<String, Counter> consumedByTopic = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Counter> producedByTopic = new java.util.concurrent.ConcurrentHashMap<>();

    public LoopMetrics(MeterRegistry registry, String service, String loop) {
        this.registry = requireNonNull(registry, "registry is null");
        this.service = requireNonNull(service, "service is null");
        this.loop = requireNonNull(loop, "loop is null");
        this.committed = Counter.builder(name("transactions")).description("Kafka transactions by outcome")
                .tags("loop", loop, "outcome", "committed").register(registry);
        this.aborted = Counter.builder(name("transactions")).description("Kafka transactions by outcome")
                .tags("loop", loop, "outcome", "aborted").register(registry);
        this.offsetCommits = Counter.builder(name("offset_commits")).description("offset commits (at-least-once mode)")
                .tags("loop", loop).register(registry);
        FunctionTimer.builder(name("record_processing"), this, m -> m.processedRecords, m -> m.processedNanos,
                        TimeUnit.NANOSECONDS).description("input records processed and the time they took")
                .tags("loop", loop).register(registry);
    }

    /**
     * {@code netrare_<service>_events_consumed_total}: the events a service read from the events topic, whose records
     * may each hold a batch of them (what {@code records_consumed_total} counts); for {@link TypedProcessor#ofEach}.
     */
    public static java.util.function.IntConsumer eventsConsumed(MeterRegistry registry, String service) {
        Counter events = Counter.builder(Metrics.name(service, "events_consumed"))
                .description("events read from the events topic (a record may hold several)").register(registry);
        return events::increment;
    }

    private String name(String thing) {
        return Metrics.name(service, thing);
    }

    public Counter consumed(String topic) {
        return consumedByTopic.computeIfAbsent(topic, t -> Counter.builder(name("records_consumed")).description("input records consumed")
                .tags("loop", loop, "topic", t).register(registry));
    }

    public Counter produced(String topic) {
        return producedByTopic.computeIfAbsent(topic, t -> Counter.builder(name("records_produced"))
                .description("output records produced").tags("loop", loop, "topic", t).register(registry));
    }

    public Counter deadLettered(String stage, String reason) {
        return Counter.builder(name("records_dead_lettered")).description("records sent to the dead-letter topic")
                .tags("loop", loop, "stage", stage, "reason", reason).register(registry);
    }

    public Counter skipped(String stage, String reason) {
        return Counter.builder(name("records_skipped")).description("records skipped after a failure")
                .tags("loop", loop, "stage", stage, "reason", reason).register(registry);
    }

    public Counter retries(String stage) {
        return Counter.builder(name("processing_retries")).description("retries of retriable processing errors")
                .tags("loop", loop, "stage", stage).register(registry);
    }

    public Counter failures(String stage, FailurePolicy policy) {
        return Counter.builder(name("processing_failures")).description("records whose processing failed for good")
                .tags("loop", loop, "stage", stage, "policy", policy.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    /** One outage of the brokers ridden out (producer re-created, batch redone from the last commit). */
    public void outage() {
        Counter.builder(name("broker_outages")).description("broker outages ridden out by re-creating the producer")
                .tags("loop", loop).register(registry).increment();
    }

    public void transactionCommitted() {
        committed.increment();
    }

    public void transactionAborted() {
        aborted.increment();
    }

    public void offsetsCommitted() {
        offsetCommits.increment();
    }

    /** {@code records} input records of one topic were processed, in {@code nanos} all together. */
    public void recordsProcessed(Counter consumed, int records, long nanos) {
        consumed.increment(records);
        processedRecords += records; // one writer: the loop's thread
        processedNanos += nanos;
    }
}
