package io.netrare.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Writes a simulation to files (what {@code netrare simulate} does) and describes the result for people. */
public final class SimulationFiles {

    private SimulationFiles() {
    }

    /** A named starting point for the CLI: {@code default} (30 hosts, 6 days) or {@code demo} (12 hosts, 3 days). */
    public static FleetSpec preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "default", "defaults" -> FleetSpec.defaults();
            case "demo" -> FleetSpec.demo();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "', expected default or demo");
        };
    }

    /**
     * Writes the ECS NDJSON to {@code events} (or to {@code stdout} when it is {@code -}) and, when
     * {@code labels} is not null, the labels JSON.
     */
    public static SimulationSummary write(FleetSimulator sim, String events, Path labels, OutputStream stdout) {
        requireNonNull(sim, "sim is null");
        requireNonNull(events, "events is null");
        SimulationSummary summary;
        try {
            if ("-".equals(events)) {
                Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
                summary = sim.writeEcs(out);
            } else {
                Path path = Path.of(events);
                createParent(path);
                try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                    summary = sim.writeEcs(out);
                }
            }
            if (labels != null) {
                createParent(labels);
                try (Writer out = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
                    sim.writeLabels(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulation: " + e.getMessage(), e);
        }
        return summary;
    }

    /** A few lines for a person: events written, hosts, shapes, filter bait, attacks. */
    public static String describe(FleetSimulator sim, SimulationSummary summary) {
        FleetSpec spec = sim.spec();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "simulated %d hosts over %d days from %s (seed %d, shape %s)%n",
                summary.hosts(), spec.days(), spec.start(), spec.seed(), spec.shape().name().toLowerCase(Locale.ROOT)));
        text.append(String.format(Locale.ROOT, "events written: %d (defend %d, auditbeat %d); kept by the datafeed filter: %d%n",
                summary.events(), summary.defendEvents(), summary.auditbeatEvents(), summary.keptEvents()));
        text.append("filter bait:");
        for (Map.Entry<String, Long> e : summary.filterBait().entrySet()) {
            text.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        text.append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "benign jobs labelled: %d (%d events); attacks: %d (%d events)%n",
                summary.benignJobs(), summary.benignJobEvents(), summary.attacks(), summary.attackEvents()));
        for (Label attack : sim.attacks()) {
            text.append(String.format(Locale.ROOT, "  %-28s %-11s %-16s %-9s -> %-20s from %s (%d events, %s)%n",
                    attack.id(), attack.host(), attack.processName(), attack.user(), attack.destination(),
                    attack.first(), attack.events(), attack.visibleTo()));
        }
        return text.toString();
    }

    private static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
