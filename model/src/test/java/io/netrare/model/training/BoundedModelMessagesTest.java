package io.netrare.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.models.rare.RarityProvider;
import io.netrare.runtime.bucket.SharePosition;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.Json;
import io.netrare.schema.ModelParts;
import io.netrare.schema.ModelSnapshot;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.AnomalyModel;
import io.netrare.schema.spi.BucketObservation;
import io.netrare.schema.spi.EntityKey;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.schema.spi.ShareDelta;
import io.netrare.schema.spi.SnapshotCheck;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages on the models topic stay under the producer's {@code max.request.size} when an entity runs on 10,000
 * hosts in one bucket: a model that learns per host (peer_rare) gets every host through deltas and snapshots split
 * into parts, and what a restore or the scoring service rebuilds from the parts equals the model learned directly; a
 * model that does not (rare) gets the exact host count and a few example hosts.
 */
class BoundedModelMessagesTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final long SPAN = Duration.ofMinutes(15).toMillis();
    private static final Instant B0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final int MAX_REQUEST_SIZE = 1_048_576;
    private static final int HOSTS = 10_000;
    /** Four processes on every host: 10,000 host names each, about 1.4 MB of delta in one bucket. */
    private static final List<String> PROCESSES = List.of("curl", "python3", "ssh", "node_exporter");
    private static final int BUCKETS = 6;

    private final MutableClock clock = new MutableClock(B0);

    private static String host(int i) {
        return String.format("host-%05d.fleet.example.internal", i);
    }

    private static NetworkEvent event(String process, String host, Instant at) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, new NetworkEvent.Host(host, null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private TrainingShares shares(ModelProvider provider, ShareHistory history) {
        TrainingShares s = new TrainingShares(JOB, provider, TrainingSettings.defaults(), clock, TrainingEvents.NONE,
                ModelParts.budget(MAX_REQUEST_SIZE));
        s.assign(1, 1, Map.of(0, new TrainingShares.Assignment(
                history.share(0, SnapshotCheck.of(provider, SnapshotCheck.OnMismatch.fail)), SharePosition.START)));
        return s;
    }

    /** Every process on every host in each of {@code buckets} buckets, then one event that closes the last. */
    private List<TrainingShares.Publication> train(TrainingShares s, int buckets, List<BucketObservation> seen) {
        List<TrainingShares.Publication> out = new ArrayList<>();
        long offset = 0;
        for (int b = 0; b <= buckets; b++) {
            Instant at = B0.plusMillis(b * SPAN + 120_000);
            clock.set(at);
            TreeMap<EntityKey, BucketObservation.EntityActivity> bucket = new TreeMap<>();
            List<String> processes = b == buckets ? List.of("sshd") : PROCESSES;
            int hosts = b == buckets ? 1 : HOSTS;
            for (String process : processes) {
                TreeSet<String> names = new TreeSet<>();
                for (int h = 0; h < hosts; h++) {
                    s.place(0, offset++, event(process, host(h), at), out);
                    names.add(host(h));
                }
                bucket.put(EntityKey.of(process), new BucketObservation.EntityActivity(hosts, names));
            }
            if (b < buckets) {
                seen.add(BucketObservation.of(B0.toEpochMilli() + b * SPAN, bucket));
            }
        }
        return out;
    }

    private static int size(ModelSnapshot m) {
        return Json.write(m).length + m.kafkaKey().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aPerHostModelOnTenThousandHostsPublishesPartsUnderTheLimitThatRebuildItExactly() {
        ModelProvider peer = ModelPlugin.load("peer_rare").provider(JOB, Map.of());
        TrainingShares trained = shares(peer, new ShareHistory());
        List<BucketObservation> seen = new ArrayList<>();
        List<TrainingShares.Publication> out = train(trained, BUCKETS, seen);
        List<ModelSnapshot> messages = out.stream().map(TrainingShares.Publication::snapshot).toList();

        assertThat(messages).allSatisfy(m -> assertThat(size(m)).isLessThan(MAX_REQUEST_SIZE - 1024));
        assertThat(messages).filteredOn(m -> m.isDelta() && m.isPart()).extracting(ModelSnapshot::bucket)
                .as("every bucket's delta was split").containsAll(seen.stream().map(BucketObservation::bucketStart).toList());
        assertThat(messages).filteredOn(m -> !m.isDelta() && m.isPart()).as("a snapshot was split").isNotEmpty();
        assertThat(messages.stream().map(ModelSnapshot::kafkaKey).distinct().count()).isEqualTo(messages.size());

        // the model learned directly from the buckets, with every host
        AnomalyModel direct = peer.create(JOB);
        seen.forEach(direct::learn);
        JsonNode expected = direct.snapshot();
        assertThat(trained.models()).singleElement().satisfies(m -> assertThat(m.snapshot()).isEqualTo(expected));

        // a restore from the topic: the last snapshot's parts and the split deltas after it
        ShareHistory history = new ShareHistory();
        messages.forEach(m -> history.add(m, JOB.jobId()));
        ShareHistory.Share stored = history.share(0, SnapshotCheck.of(peer, SnapshotCheck.OnMismatch.fail));
        assertThat(stored.snapshot()).isNotNull();
        assertThat(stored.deltasAfter()).isNotEmpty();
        TrainingShares restored = shares(peer, history);
        assertThat(restored.models()).singleElement().satisfies(m -> assertThat(m.snapshot()).isEqualTo(expected));

        // what the scoring service does: learn every delta, put together from its parts
        ModelParts.Assembler assembler = new ModelParts.Assembler();
        AnomalyModel joined = peer.create(JOB);
        for (ModelSnapshot m : messages) {
            Optional<ModelSnapshot> whole = assembler.add(m);
            if (whole.isPresent() && whole.get().isDelta()) {
                ShareDelta d = Json.mapper().convertValue(whole.get().state(), ShareDelta.class);
                joined.learn(ShareDelta.union(whole.get().bucket(), List.of(d)));
            }
        }
        assertThat(assembler.dropped()).isZero();
        assertThat(assembler.pending()).isZero();
        assertThat(joined.snapshot()).isEqualTo(expected);
    }

    @Test
    void aModelThatDoesNotLearnPerHostGetsTheHostCountAndAFewExampleHosts() {
        TrainingShares s = shares(new RarityProvider(), new ShareHistory());
        List<BucketObservation> seen = new ArrayList<>();
        List<TrainingShares.Publication> out = train(s, 1, seen);

        ModelSnapshot delta = out.stream().map(TrainingShares.Publication::snapshot).filter(ModelSnapshot::isDelta)
                .findFirst().orElseThrow();
        assertThat(delta.isPart()).isFalse();
        assertThat(size(delta)).isLessThan(10_000);
        ShareDelta d = Json.mapper().convertValue(delta.state(), ShareDelta.class);
        assertThat(d.entities()).hasSize(PROCESSES.size()).allSatisfy(e -> {
            assertThat(e.count()).isEqualTo(HOSTS);
            assertThat(e.hostCount()).isEqualTo(HOSTS);
            assertThat(e.hosts()).containsExactly(host(0), host(1), host(2), host(3), host(4), host(5), host(6),
                    host(7), host(8), host(9));
        });
    }
}
