package io.netrare.schema.spi;

import static java.util.Objects.requireNonNull;

/**
 * What a job models separately: a by value (e.g. a process name) within a partition value (e.g. a host
 * name, or the empty string when the job has no partition field).
 */
public record EntityKey(String partitionValue, String byValue) implements Comparable<EntityKey> {

    /** Separates partition and by value in the Kafka key; a unit separator never appears in ECS values we accept. */
    public static final char SEPARATOR = '\u001f';

    public EntityKey {
        partitionValue = partitionValue == null ? "" : partitionValue;
        requireNonNull(byValue, "byValue is null");
    }

    public static EntityKey of(String byValue) {
        return new EntityKey("", byValue);
    }

    /** The key of events on the events topic, so that every event of an entity lands in one partition. */
    public String kafkaKey() {
        return partitionValue.isEmpty() ? byValue : partitionValue + SEPARATOR + byValue;
    }

    public static EntityKey fromKafkaKey(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? new EntityKey("", key) : new EntityKey(key.substring(0, at), key.substring(at + 1));
    }

    @Override
    public int compareTo(EntityKey other) {
        int c = partitionValue.compareTo(other.partitionValue);
        return c != 0 ? c : byValue.compareTo(other.byValue);
    }

    @Override
    public String toString() {
        return partitionValue.isEmpty() ? byValue : partitionValue + "/" + byValue;
    }
}
