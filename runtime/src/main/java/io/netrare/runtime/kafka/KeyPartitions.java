package io.netrare.runtime.kafka;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * The partition Kafka's default partitioner gives a keyed record (murmur2 of the key bytes, modulo the
 * partition count). The offline engine splits its input into the shares the events topic would hold.
 */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    /** The partition of a record keyed {@code key} (UTF-8) on a topic of {@code partitions} partitions. */
    public static int of(String key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** {@link #of} for a fixed partition count. */
    public static ToIntFunction<String> forPartitions(int partitions) {
        of("", partitions); // validates
        return key -> of(key, partitions);
    }
}
