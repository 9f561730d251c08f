package io.netrare.schema.spi;

import io.netrare.schema.NetworkEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What every service must agree on about a job: its id, bucket span, the by and partition fields that
 * make an entity, and the influencer fields. Model-specific settings (decay, caps, cut-offs) belong to
 * the model implementation's own config.
 */
public record JobSpec(String jobId, Duration bucketSpan, String function, String byFieldName,
                      String partitionFieldName, List<String> influencers) {

    public static final String DEFAULT_JOB_ID = "v3_linux_anomalous_network_activity";

    public JobSpec {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(bucketSpan, "bucketSpan is null");
        requireNonNull(byFieldName, "byFieldName is null");
        function = function == null ? "rare" : function;
        influencers = influencers == null ? List.of() : List.copyOf(influencers);
        if (bucketSpan.isNegative() || bucketSpan.isZero() || bucketSpan.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("bucket_span must be a positive whole number of seconds, was " + bucketSpan);
        }
        if (partitionFieldName != null && partitionFieldName.isBlank()) {
            partitionFieldName = null;
        }
    }

    /** The anchor's job: rare by process.name, 15 minute buckets, no partition, four influencers. */
    public static JobSpec anchorDefault() {
        return new JobSpec(DEFAULT_JOB_ID, Duration.ofMinutes(15), "rare", "process.name", null,
                List.of("host.name", "process.name", "user.name", "destination.ip"));
    }

    public long bucketSpanMillis() {
        return bucketSpan.toMillis();
    }

    /** Start (epoch ms) of the bucket holding an instant; buckets are aligned to the epoch. */
    public long bucketStart(Instant time) {
        return bucketStart(time.toEpochMilli());
    }

    public long bucketStart(long epochMillis) {
        return Math.floorDiv(epochMillis, bucketSpanMillis()) * bucketSpanMillis();
    }

    /**
     * The event fields a bucket of this job counts: the host name, the by field, the partition field (if any) and,
     * with {@code influencers}, the influencer fields an event carries. A reader of the events topic builds only
     * these strings.
     */
    public java.util.Set<String> countedFields(boolean withInfluencers) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>(List.of("host.name", byFieldName));
        if (partitionFieldName != null) {
            fields.add(partitionFieldName);
        }
        if (withInfluencers) {
            influencers.stream().filter(NetworkEvent::hasField).forEach(fields::add);
        }
        return fields;
    }

    /** The entity an event belongs to, or null when it lacks the by field (or the partition field). */
    public EntityKey entityKey(NetworkEvent event) {
        String by = event.field(byFieldName);
        if (by == null || by.isEmpty()) {
            return null;
        }
        if (partitionFieldName == null) {
            return new EntityKey("", by);
        }
        String partition = event.field(partitionFieldName);
        return partition == null || partition.isEmpty() ? null : new EntityKey(partition, by);
    }
}
