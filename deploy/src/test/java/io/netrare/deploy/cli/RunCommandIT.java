package io.netrare.deploy.cli;

import io.netrare.schema.Alert;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netrare run} over a simulated fleet with injected attacks: the whole pipeline on its embedded
 * broker alerts on every attack whose process is rare across the fleet, and writes the alerts and records.
 */
class RunCommandIT {

    @TempDir
    Path dir;

    @Test
    void runAlertsOnTheAttacksAFleetWideRareModelCanSee() throws Exception {
        FleetSimulator sim = new FleetSimulator(FleetSpec.demo().withSeed(17));
        Path fleet = dir.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(fleet)) {
            sim.writeEcs(w);
        }
        Path alertsOut = dir.resolve("alerts.ndjson");
        Path recordsOut = dir.resolve("records.ndjson");
        StringWriter err = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("run", "--input", fleet.toString(), "--alerts-out", alertsOut.toString(),
                "--records-out", recordsOut.toString());
        assertThat(code).as(err.toString()).isZero();

        List<Alert> alerts = Files.readAllLines(alertsOut).stream().map(l -> Json.read(l, Alert.class)).toList();
        List<AnomalyRecord> records = Files.readAllLines(recordsOut).stream().map(l -> Json.read(l, AnomalyRecord.class)).toList();
        List<Label> fleetWide = sim.attacks().stream().filter(a -> "fleet_rare".equals(a.visibleTo())).toList();
        assertThat(fleetWide).hasSizeGreaterThanOrEqualTo(4);
        for (Label attack : fleetWide) {
            assertThat(alerts).as("an alert for %s on %s", attack.processName(), attack.host())
                    .anyMatch(a -> DemoCommand.matches(a, attack));
        }
        assertThat(alerts).allMatch(a -> a.anomaly().recordScore() >= 50);
        assertThat(records).isNotEmpty().noneMatch(AnomalyRecord::interim);
        assertThat(err.toString()).contains("netrare run:", "alerts");
    }
}
