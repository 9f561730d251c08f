package io.netrare.schema;

import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The topic catalogue: every topic netrare reads or writes, its key and value types, and whether it is
 * compacted. Names are {@code <prefix>.<topic>}; the prefix defaults to {@code netrare}, so that several
 * deployments can share a cluster.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "netrare";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private final String prefix;

    public Topics(String prefix) {
        requireNonNull(prefix, "prefix is null");
        if (!LEGAL.matcher(prefix).matches() || prefix.startsWith(".") || prefix.endsWith(".")) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' must be letters, digits, '.', '_' or '-', "
                    + "and must not start or end with '.'");
        }
        this.prefix = prefix;
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /**
     * One topic: name, what its keys are (UTF-8 strings), the type of its values and their serde (JSON; events in
     * {@link EventCodec}'s compact binary layout, JSON events read too; the bytes as they are for {@code byte[]}), and whether the broker compacts it.
     */
    public record TopicSpec<V>(String name, String keyType, Class<V> valueType, boolean compacted, String description) {

        public TopicSpec {
            requireNonNull(name, "name is null");
            requireNonNull(valueType, "valueType is null");
        }

        /** Decodes a value of this topic. */
        public V read(byte[] bytes) {
            if (valueType == NetworkEvent.class) {
                return valueType.cast(EventCodec.decode(bytes)); // the hot path: binary, no parser
            }
            return valueType == byte[].class ? valueType.cast(bytes) : Json.read(bytes, valueType);
        }

        /** Encodes a value for this topic. */
        public byte[] write(V value) {
            if (value instanceof NetworkEvent event) {
                return EventCodec.encode(event);
            }
            return value instanceof byte[] raw ? raw : Json.write(value);
        }

        /** Encodes a key for this topic (keys are UTF-8 strings). */
        public byte[] key(String key) {
            return key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Raw telemetry as Beats or Elastic Agent write it with their Kafka output. */
    public TopicSpec<byte[]> raw() {
        return new TopicSpec<>(prefix + ".raw", "any", byte[].class, false, "raw ECS JSON or auditd lines from outside");
    }

    public TopicSpec<NetworkEvent> events() {
        return new TopicSpec<>(prefix + ".events", "entity key (by value, with partition value when the job has one)",
                NetworkEvent.class, false, "normalized network starts, ingest -> model, scoring");
    }

    /** Events that arrived after their bucket closed; kept for audit and replay, never silently dropped. */
    public TopicSpec<NetworkEvent> lateEvents() {
        return new TopicSpec<>(prefix + ".events.late", "entity key", NetworkEvent.class, false,
                "events that arrived after their bucket was scored");
    }

    public TopicSpec<ModelSnapshot> models() {
        return new TopicSpec<>(prefix + ".models", "job id / model partition", ModelSnapshot.class, true,
                "model snapshots per training share, model -> scoring");
    }

    public TopicSpec<AnomalyRecord> anomalies() {
        return new TopicSpec<>(prefix + ".anomalies", "job id / record id", AnomalyRecord.class, false,
                "record results, scoring -> alerting");
    }

    public TopicSpec<Alert> alerts() {
        return new TopicSpec<>(prefix + ".alerts", "rule id / alert id", Alert.class, false,
                "alerts, alerting -> outside");
    }

    /**
     * The alerting service's state: one entry per alert id raised or suppressed (and the suppression
     * groups), written in the transaction that publishes the alert, partitioned like the anomalies topic,
     * read back on start. Compacted; the alerting service creates it (it is not in {@link #all()}).
     */
    public TopicSpec<byte[]> alertingState() {
        return new TopicSpec<>(prefix + ".alerting.state", "alert id (partition = the anomaly's partition)",
                byte[].class, true, "alerting dedup and suppression state, alerting -> alerting");
    }

    /** Where the ingest service's file sources stand: written in the transaction that emits their events. */
    public TopicSpec<byte[]> ingestCheckpoints() {
        return new TopicSpec<>(prefix + ".ingest.checkpoints", "instance id/device:inode", byte[].class, true,
                "file read positions, ingest -> ingest");
    }

    /**
     * The scoring service's snapshots: its whole state (the union model and the normalizer) after a scored bucket,
     * in parts, one copy per events partition written in the transaction that commits that partition, so a restart
     * reads one snapshot and the deltas after it. Compacted; the scoring service creates it when missing (it is not
     * in {@link #all()}).
     */
    public TopicSpec<byte[]> scoringSnapshots() {
        return new TopicSpec<>(prefix + ".scoring.snapshots", "job id / events partition / part", byte[].class, true,
                "scoring state snapshots, scoring -> scoring");
    }

    /** The dead-letter topic of one service: original key and bytes, headers saying where and why. */
    public TopicSpec<byte[]> deadLetters(String service) {
        requireNonNull(service, "service is null");
        if (!LEGAL.matcher(service).matches()) {
            throw new IllegalArgumentException("service name '" + service + "' is not a legal topic name part");
        }
        return new TopicSpec<>(prefix + ".dlq." + service, "original key", byte[].class, false,
                "records " + service + " could not process, with the reason in headers");
    }

    /** Every topic a full deployment uses, the dead-letter topics of the four services included. */
    public List<TopicSpec<?>> all() {
        return List.of(raw(), events(), lateEvents(), models(), anomalies(), alerts(),
                deadLetters("ingest"), deadLetters("model"), deadLetters("scoring"), deadLetters("alerting"));
    }
}
