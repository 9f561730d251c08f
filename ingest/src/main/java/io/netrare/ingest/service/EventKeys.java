package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The Kafka key of an event on the events topic: its entity key under the job ({@link JobSpec#entityKey}), as
 * UTF-8 bytes (null for an event without one). The bytes of the entities seen lately are kept in a fixed table,
 * one entity per slot (a new one takes its slot over), found by the by and partition values themselves, so a
 * fleet's recurring entities cost neither a new key object nor a new string and array per event. Not thread-safe.
 */
final class EventKeys {

    private static final int SLOT_BITS = 14;

    /** The by field's reader, and the partition field's (null when the job has none). */
    private final Function<NetworkEvent, String> byField;
    private final Function<NetworkEvent, String> partitionField;
    private final String[] bys = new String[1 << SLOT_BITS];
    private final String[] partitions = new String[1 << SLOT_BITS];
    private final byte[][] keys = new byte[1 << SLOT_BITS][];

    EventKeys(IngestConfig config) {
        JobSpec job = requireNonNull(config, "config is null").job();
        this.byField = NetworkEvent.reader(job.byFieldName());
        this.partitionField = job.partitionFieldName() == null ? null : NetworkEvent.reader(job.partitionFieldName());
    }

    /** What {@code job.entityKey(event).kafkaKey()} gives, as UTF-8 bytes; null when the event has no entity. */
    byte[] of(NetworkEvent event) {
        String by = byField.apply(event);
        if (by == null || by.isEmpty()) {
            return null;
        }
        String partition = "";
        if (partitionField != null) {
            partition = partitionField.apply(event);
            if (partition == null || partition.isEmpty()) {
                return null;
            }
        }
        int h = by.hashCode() * 31 + partition.hashCode();
        int slot = (h * 0x9E3779B9) >>> (32 - SLOT_BITS);
        String b = bys[slot];
        if (b != null && (b == by || b.equals(by))) {
            String p = partitions[slot];
            if (p == partition || p.equals(partition)) {
                return keys[slot];
            }
        }
        byte[] key = new EntityKey(partition, by).kafkaKey().getBytes(StandardCharsets.UTF_8);
        bys[slot] = by;
        partitions[slot] = partition;
        keys[slot] = key;
        return key;
    }
}
