package io.netrare.deploy.ops;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** promtool accepts deploy/prometheus/: the scrape config (with its rule file) and the alert rules. */
class OpsPromtoolTest {

    private static Path promtool() {
        Path promtool = Path.of(System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool"));
        if (!Files.isExecutable(promtool)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool not found at " + promtool + " (install Debian's prometheus package or set PROMTOOL)");
            }
            Assumptions.abort("promtool not installed at " + promtool + "; set CI=true to make this a failure");
        }
        return promtool;
    }

    @Test
    void scrapeConfigIsValid() throws Exception {
        String out = run(promtool().toString(), "check", "config", OpsFiles.deploy("prometheus/prometheus.yml").toString());
        assertThat(out).contains("SUCCESS").contains("1 rule files found");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        String out = run(promtool().toString(), "check", "rules", OpsFiles.deploy("prometheus/alerts.yml").toString());
        assertThat(out).containsPattern("SUCCESS: \\d+ rules found");
    }

    @Test
    void promtoolRejectsABrokenRule(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // proves the check can fail: the same tool on a rule with a syntax error
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(rate(foo[5m]) > \n");
        Process p = new ProcessBuilder(promtool().toString(), "check", "rules", bad.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
