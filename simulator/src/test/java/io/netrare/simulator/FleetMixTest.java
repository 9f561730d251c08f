package io.netrare.simulator;

import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The default fleet (30 hosts, 6 days) as the models will see it: after the datafeed filter. */
class FleetMixTest {

    private static final long BUCKET = FleetSpec.BUCKET.toMillis();
    private static FleetSimulator sim;
    private static List<NetworkEvent> kept;
    private static Map<String, Role> roles;

    @BeforeAll
    static void generate() {
        sim = new FleetSimulator(FleetSpec.defaults());
        kept = sim.datafeedEvents().toList();
        roles = new HashMap<>();
        sim.hosts().forEach(h -> roles.put(h.name(), h.role()));
    }

    private static long bucket(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), BUCKET);
    }

    private static Set<Long> bucketsOf(String processName) {
        Set<Long> buckets = new HashSet<>();
        kept.stream().filter(e -> processName.equals(e.process().name())).forEach(e -> buckets.add(bucket(e.timestamp())));
        return buckets;
    }

    @Test
    void defaultFleetHasAModestSize() {
        long all = sim.events().count();
        assertThat(all).isBetween(100_000L, 300_000L);
        assertThat(sim.hosts()).hasSize(30);
    }

    @Test
    void commonProcessesAppearInMostBuckets() {
        int buckets = sim.spec().buckets();
        for (String name : List.of("sshd", "nginx", "java", "postgres", "chronyd")) {
            assertThat(bucketsOf(name).size()).as(name).isGreaterThan((int) (0.8 * buckets));
        }
    }

    @Test
    void attacksStartAfterTheHistoryAndTheirProcessIsNewWhereItShouldBe() {
        Instant history = sim.spec().start().plus(Duration.ofDays(sim.spec().historyDays()));
        List<Label> attacks = sim.attacks();
        assertThat(attacks).hasSize(8);
        assertThat(attacks).extracting(Label::kind).contains("reverse_shell", "cryptominer", "dropped_binary", "tunnel",
                "host_only_curl", "host_only_ssh", "host_only_python3");
        for (Label attack : attacks) {
            assertThat(attack.first()).as(attack.id()).isAfterOrEqualTo(history);
            assertThat(attack.last()).as(attack.id()).isBefore(sim.spec().end()).isAfterOrEqualTo(attack.first());
            List<NetworkEvent> before = kept.stream().filter(e -> e.timestamp().isBefore(attack.first())).toList();
            if (attack.visibleTo().equals("fleet_rare")) {
                assertThat(before).as(attack.id()).noneMatch(e -> attack.processName().equals(e.process().name()));
            } else {
                Role role = Role.valueOf(attack.role().toUpperCase(java.util.Locale.ROOT));
                assertThat(before).as(attack.id()).noneMatch(e -> attack.processName().equals(e.process().name())
                        && roles.get(e.host().name()) == role);
                // ...while the same process is common elsewhere in the fleet.
                assertThat(before.stream().filter(e -> attack.processName().equals(e.process().name()))
                        .map(e -> bucket(e.timestamp())).distinct().count()).as(attack.id()).isGreaterThan(50);
            }
        }
    }

    @Test
    void labelCountsMatchTheEventsWritten() {
        for (Label label : sim.labels()) {
            long n = kept.stream().filter(e -> label.host().equals(e.host().name())
                    && label.processName().equals(e.process().name())
                    && label.destination().equals(e.destination().ip() + ":" + e.destination().port())).count();
            assertThat(n).as(label.id()).isEqualTo(label.events());
        }
    }

    @Test
    void periodicJobsRunAtTheirCadence() {
        List<Label> pgDump = sim.labels().stream().filter(l -> l.processName().equals("pg_dump")).toList();
        assertThat(pgDump).hasSize(4).allMatch(l -> l.label().equals(Label.BENIGN_PERIODIC) && "PT24H".equals(l.cadence()));
        // Every pg_dump event falls in the 02:00 bucket.
        assertThat(kept.stream().filter(e -> "pg_dump".equals(e.process().name())))
                .isNotEmpty()
                .allMatch(e -> e.timestamp().toString().substring(11, 16).compareTo("02:00") >= 0
                        && e.timestamp().toString().substring(11, 16).compareTo("02:15") < 0);
        Set<String> kinds = new HashSet<>();
        sim.labels().forEach(l -> kinds.add(l.label() + "/" + l.kind()));
        assertThat(kinds).contains("benign_periodic/backup_rsync", "benign_periodic/certificate_renewal",
                "benign_periodic/backup_borg", "benign_occasional/dhclient_renewal", "benign_occasional/package_update",
                "benign_occasional/unattended_upgrade");
    }

    @Test
    void occasionalJobsRunOnEveryHost() {
        List<String> withDhclient = new ArrayList<>();
        sim.labels().stream().filter(l -> l.kind().equals("dhclient_renewal")).forEach(l -> withDhclient.add(l.host()));
        assertThat(withDhclient).hasSize(30);
    }

    @Test
    void attacksOffMeansNoAttackLabels() {
        FleetSimulator quiet = new FleetSimulator(FleetSpec.demo().withAttacks(false));
        assertThat(quiet.attacks()).isEmpty();
        assertThat(quiet.labels()).isNotEmpty();
    }

    @Test
    void attacksRespectALongerHistory() {
        FleetSpec spec = FleetSpec.defaults().withHistoryDays(4);
        Instant history = spec.start().plus(Duration.ofDays(4));
        assertThat(new FleetSimulator(spec).attacks()).hasSize(8).allMatch(l -> !l.first().isBefore(history));
    }
}
