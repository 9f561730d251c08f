package io.netrare.simulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSpecTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        FleetSpec spec = FleetSpec.defaults();
        assertThat(spec.hosts()).isEqualTo(30);
        assertThat(spec.days()).isEqualTo(6);
        assertThat(spec.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(spec.historyDays()).isEqualTo(2);
        assertThat(spec.attacks()).isTrue();
        assertThat(spec.shape()).isEqualTo(Shape.MIXED);
        assertThat(spec.buckets()).isEqualTo(6 * 96);
    }

    @Test
    void demoIsSmallWithAttacksOnTheThirdDay() {
        FleetSpec demo = FleetSpec.demo();
        assertThat(demo.hosts()).isEqualTo(12);
        assertThat(demo.days()).isEqualTo(3);
        assertThat(demo.historyDays()).isEqualTo(2);
    }

    @Test
    void startIsAlignedToTheBucket() {
        FleetSpec spec = FleetSpec.defaults().withStart(Instant.parse("2026-11-01T00:07:31Z"));
        assertThat(spec.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void shorterRunsLowerTheHistoryPeriod() {
        assertThat(FleetSpec.defaults().withDays(1).historyDays()).isZero();
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThatThrownBy(() -> FleetSpec.defaults().withHosts(0)).hasMessageContaining("hosts");
        assertThatThrownBy(() -> FleetSpec.defaults().withDays(0)).hasMessageContaining("days");
        assertThatThrownBy(() -> FleetSpec.defaults().withEventsPerBucketScale(0)).hasMessageContaining("eventsPerBucketScale");
        assertThatThrownBy(() -> FleetSpec.defaults().withHistoryDays(6)).hasMessageContaining("historyDays");
        assertThatThrownBy(() -> Shape.parse("syslog")).hasMessageContaining("defend, auditbeat or mixed");
    }

    @Test
    void shapeParsesCaseInsensitively() {
        assertThat(Shape.parse("Defend")).isEqualTo(Shape.DEFEND);
        assertThat(Shape.parse("auditbeat")).isEqualTo(Shape.AUDITBEAT);
    }

    @Test
    void roleCountsAddUpAndGiveEveryRoleAHost() {
        for (int hosts : new int[] {6, 7, 12, 30, 101}) {
            Map<Role, Integer> counts = Fleet.roleCounts(hosts);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("hosts %d", hosts).isEqualTo(hosts);
            assertThat(counts.values()).as("hosts %d", hosts).allMatch(n -> n >= 1);
        }
        assertThat(Fleet.roleCounts(3).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(Fleet.roleCounts(30).get(Role.WEB)).isEqualTo(9);
    }
}
