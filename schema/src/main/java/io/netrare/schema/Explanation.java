package io.netrare.schema;

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
        String reason) {

    public Explanation {
        exampleEvents = exampleEvents == null ? List.of() : List.copyOf(exampleEvents);
    }

    /** A copy with the example events set. */
    public Explanation withExampleEvents(List<ExampleEvent> examples) {
        return new Explanation(bucketsSeen, decayedCount, bucketsInModel, firstOccurrence, firstSeen, lastSeen,
                relativeRarity, examples, peerGroup, peerGroupSize, peersSeen, cadence, reason);
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
