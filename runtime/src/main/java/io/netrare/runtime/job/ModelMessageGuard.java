package io.netrare.runtime.job;

import io.netrare.schema.ModelSnapshot;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks a message read from the models topic before training restores a share from it or scoring counts a
 * share closed by it. A message that decodes but makes no sense would otherwise poison every restart: a share
 * count or model partition out of range holds every bucket back, a bucket dated in the future (the same limit
 * as {@link EventTimeGuard}) makes every later event late, an unknown kind is read as a snapshot. What fails
 * is skipped, dead-lettered with the reason and counted, by the service's {@code PoisonRecords}.
 */
public final class ModelMessageGuard {

    private final EventTimeGuard time;

    public ModelMessageGuard(EventTimeGuard time) {
        this.time = requireNonNull(time, "time is null");
    }

    public static ModelMessageGuard defaults() {
        return new ModelMessageGuard(EventTimeGuard.defaults());
    }

    /**
     * Why {@code message}, read with Kafka key {@code key}, is refused at wall-clock {@code now}, or empty.
     * The key must be the one the message is written with ({@link ModelSnapshot#kafkaKey}, or that key with a
     * further {@code /…} part): a value under the key of another job, share or bucket would replace that one's
     * entry at compaction.
     */
    public Optional<String> check(ModelSnapshot message, String key, Instant now) {
        if (!ModelSnapshot.KIND_DELTA.equals(message.kind()) && !ModelSnapshot.KIND_SNAPSHOT.equals(message.kind())) {
            return Optional.of("unknown kind '" + message.kind() + "' (delta or snapshot)");
        }
        if (message.partitions() < 1 || message.modelPartition() < 0 || message.modelPartition() >= message.partitions()) {
            return Optional.of("model partition " + message.modelPartition() + " of " + message.partitions()
                    + " shares is out of range");
        }
        if (message.bucket() < 0) {
            return Optional.of("bucket " + message.bucket() + " is negative");
        }
        Optional<String> future = time.check(Instant.ofEpochMilli(message.bucket()), now);
        if (future.isPresent()) {
            return Optional.of("bucket: " + future.get());
        }
        if (message.state() == null || message.state().isNull()) {
            return Optional.of("the message has no state");
        }
        if (key == null || !(key.equals(message.kafkaKey()) || key.startsWith(message.kafkaKey() + "/"))) {
            return Optional.of("key '" + key + "' is not the message's own ('" + message.kafkaKey() + "')");
        }
        return Optional.empty();
    }

    /**
     * {@link #check(ModelSnapshot, String, Instant)}, and the share count must be {@code shares}, the events
     * topic's partition count (0 when not known): a reader that waits for every share would otherwise wait for
     * shares that do not exist.
     */
    public Optional<String> check(ModelSnapshot message, String key, Instant now, int shares) {
        Optional<String> reason = check(message, key, now);
        if (reason.isEmpty() && shares > 0 && message.partitions() != shares) {
            return Optional.of(message.partitions() + " shares, but the events topic has " + shares + " partitions");
        }
        return reason;
    }

    /** Throws {@link InvalidModelMessageException} when {@link #check} refuses the message. */
    public ModelSnapshot require(ModelSnapshot message, String key, Instant now) {
        return require(message, key, now, 0);
    }

    /** Throws {@link InvalidModelMessageException} when {@link #check(ModelSnapshot, String, Instant, int)} refuses the message. */
    public ModelSnapshot require(ModelSnapshot message, String key, Instant now, int shares) {
        Optional<String> reason = check(message, key, now, shares);
        if (reason.isPresent()) {
            throw new InvalidModelMessageException(reason.get());
        }
        return message;
    }

    /** A models-topic message no service may learn from. */
    public static final class InvalidModelMessageException extends IllegalArgumentException {
        public InvalidModelMessageException(String message) {
            super(message);
        }
    }
}
