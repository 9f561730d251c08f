package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Why a record was written, in terms an analyst can check. Fields a model does not know are null.
 *
 * @param bucketsSeen       buckets, before this one, in which the by value was seen (undecayed count)
 * @param decayedCount      the model's decayed bucket count for the by value, after learning this bucket
 * @param bucketsInModel    buckets the model has learned, this one included
 * @param firstOccurrence   true when this bucket is the first in which the by value was seen
 * @param firstSeen         start of the first bucket in which the by value was seen
 * @param lastSeen          start of the last bucket, before this one, in which it was seen (null if never)
 * @param relativeRarity    the by value's share of all decayed counts (a_v / sum a)
 * @param exampleEvents     a few of the events behind the record
 * @param peerGroup         peer-group models: the host's peer group
 * @param peerGroupSize     peer-group models: hosts in that group
 * @param peersSeen         peer-group models: hosts of the group that ran the process
 * @param cadence           cadence-aware models: the cadence detected, e.g. "daily at 02:00", or null
 * @param reason            one line on why the score is what it is
 * @param warmingUp         true when the model had learned less than the warm-up when it scored this (the default
 *                          alert rule does not alert on it); null otherwise
 * @param suppressedBy      the reason a candidate that was rare on its host was held back (an audit record, not an
 *                          anomaly): peer_support, common_in_group, base_system or cadence; null otherwise
 * @param suppressedProbability the probability the candidate would have had without that reason
 * @param returning         true when the by value had been evicted from the model at the entity cap and came back:
 *                          its history before the eviction is lost, so "first occurrence" is not known; null otherwise
 * @param outbreakHosts     peer-group models: hosts of the group that began running the process in the same bucket
 *                          with no host of the group running it before (an outbreak); null otherwise
 */
public record Explanation(
        @JsonProperty("buckets_seen") Long bucketsSeen,
        @JsonProperty("decayed_count") Double decayedCount,
        @JsonProperty("buckets_in_model") Long bucketsInModel,
        @JsonProperty("first_occurrence") Boolean firstOccurrence,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("last_seen") Instant lastSeen,
        @JsonProperty("relative_rarity") Double relativeRarity,
        @JsonProperty("example_events") List<ExampleEvent> exampleEvents,
        @JsonProperty("peer_group") String peerGroup,
        @JsonProperty("peer_group_size") Integer peerGroupSize,
        @JsonProperty("peers_seen") Integer peersSeen,
        String cadence,
        String reason,
        @JsonProperty("warming_up") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean warmingUp,
        @JsonProperty("suppressed_by") @JsonInclude(JsonInclude.Include.NON_NULL) String suppressedBy,
        @JsonProperty("suppressed_probability") @JsonInclude(JsonInclude.Include.NON_NULL) Double suppressedProbability,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean returning,
        @JsonProperty("outbreak_hosts") @JsonInclude(JsonInclude.Include.NON_NULL) Integer outbreakHosts) {

    public Explanation {
        exampleEvents = exampleEvents == null ? List.of() : List.copyOf(exampleEvents);
    }

    /** An explanation without warm-up, audit, eviction or outbreak marks. */
    public Explanation(Long bucketsSeen, Double decayedCount, Long bucketsInModel, Boolean firstOccurrence,
                       Instant firstSeen, Instant lastSeen, Double relativeRarity, List<ExampleEvent> exampleEvents,
                       String peerGroup, Integer peerGroupSize, Integer peersSeen, String cadence, String reason) {
        this(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen, relativeRarity,
                exampleEvents, peerGroup, peerGroupSize, peersSeen, cadence, reason, null, null, null, null, null);
    }

    /** A copy with the example events set. */
    public Explanation withExampleEvents(List<ExampleEvent> examples) {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen,
                relativeRarity, examples, peerGroup, peerGroupSize, peersSeen, cadence, reason, warmingUp,
                suppressedBy, suppressedProbability, returning, outbreakHosts);
    }

    /** A copy marked as scored while the model was warming up. */
    public Explanation withWarmingUp() {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen,
                relativeRarity, exampleEvents, peerGroup, peerGroupSize, peersSeen, cadence, reason, Boolean.TRUE,
                suppressedBy, suppressedProbability, returning, outbreakHosts);
    }

    /** A copy marked as held back by {@code reason}, with the probability it would have had without it. */
    public Explanation withSuppression(String reason, double probability) {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen,
                relativeRarity, exampleEvents, peerGroup, peerGroupSize, peersSeen, cadence, this.reason, warmingUp,
                reason, probability, returning, outbreakHosts);
    }

    /** A copy marked as an entity back after eviction (first occurrence unknown). */
    public Explanation withReturning() {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, null, firstSeen, lastSeen, relativeRarity,
                exampleEvents, peerGroup, peerGroupSize, peersSeen, cadence, reason, warmingUp, suppressedBy,
                suppressedProbability, Boolean.TRUE, outbreakHosts);
    }

    /** A copy marked as an outbreak over {@code hosts} hosts of the peer group. */
    public Explanation withOutbreakHosts(int hosts) {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen,
                relativeRarity, exampleEvents, peerGroup, peerGroupSize, peersSeen, cadence, reason, warmingUp,
                suppressedBy, suppressedProbability, returning, hosts);
    }

    /** True when scored while the model was warming up. */
    public boolean isWarmingUp() {
        return Boolean.TRUE.equals(warmingUp);
    }

    /** One event behind a record, trimmed to what triage needs. */
    public record ExampleEvent(
            @JsonProperty("@timestamp") Instant timestamp,
            @JsonProperty("host_name") String hostName,
            @JsonProperty("user_name") String userName,
            @JsonProperty("process_executable") String processExecutable,
            @JsonProperty("process_pid") Long processPid,
            @JsonProperty("destination_ip") String destinationIp,
            @JsonProperty("destination_port") Integer destinationPort,
            @JsonProperty("event_action") String eventAction) {

        public static ExampleEvent of(NetworkEvent e) {
            return new ExampleEvent(e.timestamp(), e.host().name(), e.user().name(), e.process().executable(),
                    e.process().pid(), e.destination().ip(), e.destination().port(), e.event().action());
        }
    }
}
