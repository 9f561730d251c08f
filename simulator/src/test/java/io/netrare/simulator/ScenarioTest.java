package io.netrare.simulator;

import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioTest {

    private static final FleetSpec HARD = FleetSpec.defaults().withDays(4).withSeed(5).withScenario(Scenario.HARD);
    private static final long SPAN = FleetSpec.BUCKET.toMillis();

    private static String ecs(FleetSpec spec) {
        StringWriter out = new StringWriter();
        new FleetSimulator(spec).writeEcs(out);
        return out.toString();
    }

    @Test
    void noScenarioIsTheFleetAsBefore() {
        FleetSpec plain = FleetSpec.demo().withDays(2).withHistoryDays(1).withSeed(7);
        assertThat(ecs(plain.withScenario(Scenario.NONE))).isEqualTo(ecs(plain));
        assertThat(new FleetSimulator(plain).joinedHosts()).isEmpty();
        assertThat(new FleetSimulator(plain).hostDays()).isEqualTo(12 * 2.0);
    }

    @Test
    void outbreakHitsEveryHostOfOneRoleInTheSameThreeBuckets() {
        FleetSimulator sim = new FleetSimulator(HARD);
        List<Label> outbreak = sim.attacks().stream().filter(l -> Scenario.OUTBREAK.equals(l.kind())).toList();
        assertThat(outbreak).hasSizeGreaterThanOrEqualTo(3);
        Set<String> roles = outbreak.stream().map(Label::role).collect(Collectors.toSet());
        assertThat(roles).hasSize(1);
        long stableOfRole = sim.hosts().stream().filter(h -> h.role().label().equals(roles.iterator().next()))
                .filter(h -> !sim.joinedHosts().containsKey(h.name()) && !sim.leftHosts().containsKey(h.name())).count();
        assertThat(outbreak).hasSize((int) stableOfRole);
        Set<Long> firstBuckets = outbreak.stream().map(l -> l.first().toEpochMilli() / SPAN).collect(Collectors.toSet());
        assertThat(firstBuckets).hasSize(1);
        long first = firstBuckets.iterator().next();
        assertThat(outbreak).allSatisfy(l -> assertThat(l.last().toEpochMilli() / SPAN - first).isEqualTo(2));
        // every host of the role runs it in each of the three buckets
        Map<Long, Set<String>> hostsByBucket = sim.datafeedEvents().filter(e -> "kdevtmpfsi".equals(e.process().name()))
                .collect(Collectors.groupingBy(e -> e.timestamp().toEpochMilli() / SPAN,
                        Collectors.mapping(e -> e.host().name(), Collectors.toSet())));
        assertThat(hostsByBucket).hasSize(3);
        assertThat(hostsByBucket.values()).allSatisfy(h -> assertThat(h).hasSize(outbreak.size()));
    }

    @Test
    void scannerRunsOnThreeRolesInOneBucket() {
        List<Label> scanner = new FleetSimulator(HARD).attacks().stream()
                .filter(l -> Scenario.SCANNER.equals(l.kind())).toList();
        assertThat(scanner).hasSize(3);
        assertThat(scanner.stream().map(Label::role).distinct()).hasSize(3);
        assertThat(scanner.stream().map(l -> l.first().toEpochMilli() / SPAN).distinct()).hasSize(1);
        assertThat(scanner.stream().map(l -> l.last().toEpochMilli() / SPAN).distinct()).hasSize(1);
    }

    @Test
    void hostsJoinAndLeaveMidRunAndSendNothingOutsideTheirTime() {
        FleetSimulator sim = new FleetSimulator(HARD);
        Map<String, Instant> joined = sim.joinedHosts();
        Map<String, Instant> left = sim.leftHosts();
        assertThat(joined).hasSize(5);
        assertThat(left).hasSize(3);
        assertThat(sim.hosts()).hasSize(35);
        List<NetworkEvent> events = sim.events().toList();
        joined.forEach((host, from) -> {
            assertThat(events).filteredOn(e -> e.host().name().equals(host)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.timestamp()).isAfterOrEqualTo(from));
        });
        left.forEach((host, until) -> assertThat(events).filteredOn(e -> e.host().name().equals(host)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.timestamp()).isBefore(until)));
        // attacks only on hosts there from start to end
        assertThat(sim.attacks()).noneMatch(a -> joined.containsKey(a.host()) || left.containsKey(a.host()));
        assertThat(sim.hostDays()).isLessThan(35 * 4.0).isGreaterThan(30 * 4.0 - 3 * 4.0);
        // joiners behave like their role: a joined web host runs nginx
        String web = joined.keySet().stream().filter(h -> h.startsWith("web-")).findFirst().orElseThrow();
        assertThat(events).anyMatch(e -> e.host().name().equals(web) && "nginx".equals(e.process().name()));
    }

    @Test
    void everyHostIsUniqueOnAUniqueFleet() {
        FleetSimulator sim = new FleetSimulator(FleetSpec.defaults().withDays(3).withSeed(3).withScenario(Scenario.UNIQUE));
        Map<String, Set<String>> processes = sim.datafeedEvents().collect(Collectors.groupingBy(e -> e.host().name(),
                Collectors.mapping(e -> e.process().name(), Collectors.toSet())));
        Set<Set<String>> distinct = processes.values().stream().map(s -> s.stream().filter(p -> p.startsWith("svc-")
                || !Set.of("sshd", "systemd-resolved", "chronyd").contains(p)).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertThat(processes).hasSizeGreaterThan(1);
        assertThat(distinct).hasSize(processes.size());
        assertThat(processes.values()).noneMatch(s -> s.contains("nginx") && !s.contains("svc-web-01"));
    }
}
