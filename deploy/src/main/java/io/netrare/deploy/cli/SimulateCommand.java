package io.netrare.deploy.cli;

import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Shape;
import io.netrare.simulator.SimulationFiles;
import io.netrare.simulator.SimulationSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code netrare simulate}: writes a deterministic simulated fleet as ECS NDJSON, plus its labels. */
@Command(name = "simulate",
        description = "Writes a simulated Linux fleet (Elastic Defend / Auditbeat ECS NDJSON) with labelled attacks.")
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "NDJSON output file, or - for stdout.")
    String out;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels file (JSON array of attacks and benign jobs).")
    Path labels;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "Starting values: default (30 hosts, 6 days) or demo (12 hosts, 3 days). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--seed", description = "Seed of every random choice (preset: 42).")
    Long seed;

    @Option(names = "--hosts", description = "Number of hosts.")
    Integer hosts;

    @Option(names = "--days", description = "Days to simulate.")
    Integer days;

    @Option(names = "--history-days", description = "Attacks start no earlier than this many days in (preset: 2).")
    Integer historyDays;

    @Option(names = "--start", description = "First instant, ISO-8601 (preset: 2026-11-01T00:00:00Z).")
    Instant start;

    @Option(names = "--events-per-bucket-scale", description = "Multiplies background event rates.")
    Double scale;

    @Option(names = "--shape", paramLabel = "defend|auditbeat|mixed", description = "ECS shape (preset: mixed).")
    String shape;

    @Option(names = "--attacks", paramLabel = "on|off", description = "Inject attacks (preset: on).")
    String attacks;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FleetSpec fleet;
        try {
            fleet = fleetSpec();
        } catch (IllegalArgumentException e) {
            err.println("netrare simulate: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        FleetSimulator sim = new FleetSimulator(fleet);
        SimulationSummary summary = SimulationFiles.write(sim, out, labels, System.out);
        // With the events on stdout the summary goes to stderr, so the NDJSON stays clean.
        PrintWriter report = "-".equals(out) ? err : spec.commandLine().getOut();
        report.print(SimulationFiles.describe(sim, summary));
        report.printf("wrote %s%s%n", "-".equals(out) ? "stdout" : out, labels == null ? "" : " and " + labels);
        report.flush();
        return CommandLine.ExitCode.OK;
    }

    FleetSpec fleetSpec() {
        FleetSpec fleet = SimulationFiles.preset(preset);
        if (days != null) {
            fleet = fleet.withDays(days);
        }
        if (historyDays != null) {
            fleet = fleet.withHistoryDays(historyDays);
        }
        if (hosts != null) {
            fleet = fleet.withHosts(hosts);
        }
        if (seed != null) {
            fleet = fleet.withSeed(seed);
        }
        if (start != null) {
            fleet = fleet.withStart(start);
        }
        if (scale != null) {
            fleet = fleet.withEventsPerBucketScale(scale);
        }
        if (shape != null) {
            fleet = fleet.withShape(Shape.parse(shape));
        }
        if (attacks != null) {
            fleet = fleet.withAttacks(switch (attacks.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new IllegalArgumentException("--attacks takes on or off, got '" + attacks + "'");
            });
        }
        return fleet;
    }
}
