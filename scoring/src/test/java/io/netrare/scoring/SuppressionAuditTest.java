package io.netrare.scoring;

import io.netrare.models.peer.PeerRareProvider;
import io.netrare.runtime.testing.MutableClock;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.netrare.scoring.Fleet.SPAN;
import static io.netrare.scoring.Fleet.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What peer_rare holds back is counted by reason and the strongest candidates of a bucket are written as audit
 * records (suppressed_by set, record score 0), so an analyst can see what was held back and why.
 */
class SuppressionAuditTest {

    private static final JobSpec JOB = JobSpec.anchorDefault();
    private static final String[] WEB = {"w1", "w2", "w3", "w4"};
    private static final String[] DB = {"d1", "d2", "d3"};
    private final MutableClock clock = new MutableClock(START);

    private static Instant at(int bucket, int seconds) {
        return START.plusMillis(bucket * SPAN + seconds * 1000L);
    }

    private static void run(List<NetworkEvent> out, int bucket, String process, String... hosts) {
        for (String h : hosts) {
            out.add(Fleet.event(at(bucket, 10 + out.size() % 600), h, process, "u", "10.0.0.9"));
        }
    }

    /** Two days of web and db hosts; for the last day, tool-a runs on w1..w3 and tool-b on d1, d2. */
    private static List<NetworkEvent> history() {
        List<NetworkEvent> events = new ArrayList<>();
        for (int b = 0; b < 192; b++) {
            run(events, b, "nginx", WEB);
            run(events, b, "node", WEB);
            run(events, b, "postgres", DB);
            run(events, b, "sshd", "w1", "w2", "w3", "w4", "d1", "d2", "d3");
            if (b >= 96) {
                run(events, b, "tool-a", "w1", "w2", "w3");
                run(events, b, "tool-b", "d1", "d2");
            }
        }
        return events;
    }

    private List<AnomalyRecord> scoreWith(BucketEngine engine) {
        List<AnomalyRecord> out = new ArrayList<>();
        for (NetworkEvent e : history()) {
            out.addAll(engine.accept(e).records());
        }
        // bucket 192: both tools reach the last host of their group, which never ran them
        List<NetworkEvent> last = new ArrayList<>();
        run(last, 192, "nginx", WEB);
        run(last, 192, "postgres", DB);
        run(last, 192, "tool-a", "w1", "w2", "w3", "w4");
        run(last, 192, "tool-b", "d1", "d2", "d3");
        last.forEach(e -> out.addAll(engine.accept(e).records()));
        out.addAll(engine.closeAll());
        return out.stream().filter(r -> r.timestamp() == at(192, 0).toEpochMilli()).toList();
    }

    private BucketEngine engine(int auditPerBucket) {
        return BucketEngine.create(JOB, new PeerRareProvider(),
                EngineConfig.defaults().withInterim(false).withAuditSuppressed(auditPerBucket), clock);
    }

    @Test
    void heldBackCandidatesAreCountedAndTheStrongestWrittenWithTheirReason() {
        BucketEngine engine = engine(5);
        List<AnomalyRecord> records = scoreWith(engine);
        List<AnomalyRecord> audit = records.stream()
                .filter(r -> r.explanation() != null && r.explanation().suppressedBy() != null).toList();
        assertThat(audit).extracting(AnomalyRecord::byFieldValue).containsExactlyInAnyOrder("tool-a", "tool-b");
        assertThat(audit).allSatisfy(r -> {
            assertThat(r.recordScore()).isZero();
            assertThat(r.interim()).isFalse();
            assertThat(r.explanation().suppressedBy()).isIn("peer_support", "common_in_group");
            assertThat(r.explanation().suppressedProbability()).isLessThan(0.035);
            assertThat(r.probability()).isGreaterThanOrEqualTo(0.035);
            assertThat(r.explanation().reason()).contains("rare on the host but common among its peers");
        });
        assertThat(audit.stream().filter(r -> r.byFieldValue().equals("tool-a")).findFirst().orElseThrow()
                .influencerValues("host.name")).contains("w4");
        long counted = engine.suppressions().values().stream().mapToLong(Long::longValue).sum();
        assertThat(counted).as("every held-back candidate is counted, each with its reason")
                .isGreaterThanOrEqualTo(2);
        assertThat(engine.suppressions().keySet()).isSubsetOf("peer_support", "common_in_group", "base_system", "cadence");
        assertThat(engine.auditRecords()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyTheStrongestCandidatesOfABucketAreWritten() {
        List<AnomalyRecord> both = scoreWith(engine(5)).stream()
                .filter(r -> r.explanation() != null && r.explanation().suppressedBy() != null).toList();
        AnomalyRecord strongest = both.stream().min(java.util.Comparator.comparingDouble(
                (AnomalyRecord r) -> r.explanation().suppressedProbability())).orElseThrow();
        BucketEngine one = engine(1);
        List<AnomalyRecord> audit = scoreWith(one).stream()
                .filter(r -> r.explanation() != null && r.explanation().suppressedBy() != null).toList();
        assertThat(audit).singleElement().extracting(AnomalyRecord::byFieldValue).isEqualTo(strongest.byFieldValue());
        BucketEngine none = engine(0);
        assertThat(scoreWith(none)).noneMatch(r -> r.explanation() != null && r.explanation().suppressedBy() != null);
        assertThat(none.suppressions().values().stream().mapToLong(Long::longValue).sum())
                .as("counted even when none are written").isGreaterThanOrEqualTo(2);
    }
}
