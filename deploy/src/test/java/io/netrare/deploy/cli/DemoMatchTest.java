package io.netrare.deploy.cli;

import io.netrare.schema.Alert;
import io.netrare.simulator.Label;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's summary counts an alert on an attack only on the exact process and host, within the attack. */
class DemoMatchTest {

    private static final Instant T = Instant.parse("2026-11-03T10:00:00Z");
    private static final Alert.RuleInfo RULE = new Alert.RuleInfo("r", "rule", null, 1, null, null, null, 50, null,
            null, null, null, null);

    private static Alert alert(String process, String host, Instant bucket) {
        return new Alert(1, bucket, "id", bucket, RULE, "low", 21, null, null, null, new Alert.EcsHost(List.of(host)),
                new Alert.EcsProcess(List.of(process)), null, null, 0, false, 0);
    }

    private static Label attack(String process, String host) {
        return new Label("attack-07-host_only_ssh", "host_only_ssh", Label.ATTACK, host, "web", process, "www-data",
                "198.51.100.150:22", T.plusSeconds(120), T.plusSeconds(1800), 3, "per_role", null);
    }

    @Test
    void exactNamesOnly() {
        assertThat(DemoCommand.matches(alert("ssh", "web-02", T), attack("ssh", "web-02"))).isTrue();
        assertThat(DemoCommand.matches(alert("sshd", "web-02", T), attack("ssh", "web-02"))).as("sshd is not ssh").isFalse();
        assertThat(DemoCommand.matches(alert("rsync", "db-01", T), attack("nc", "db-01"))).as("rsync is not nc").isFalse();
        assertThat(DemoCommand.matches(alert("ssh", "web-12", T), attack("ssh", "web-1"))).isFalse();
    }

    @Test
    void withinTheAttackOnly() {
        assertThat(DemoCommand.matches(alert("ssh", "web-02", T.plusSeconds(900)), attack("ssh", "web-02"))).isTrue();
        assertThat(DemoCommand.matches(alert("ssh", "web-02", T.minusSeconds(3600)), attack("ssh", "web-02"))).isFalse();
        assertThat(DemoCommand.matches(alert("ssh", "web-02", T.plusSeconds(7200)), attack("ssh", "web-02"))).isFalse();
    }
}
