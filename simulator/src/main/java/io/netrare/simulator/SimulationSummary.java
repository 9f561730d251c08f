package io.netrare.simulator;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a run wrote.
 *
 * @param events           ECS lines written
 * @param defendEvents     lines in the Elastic Defend shape
 * @param auditbeatEvents  lines in the Auditbeat shape
 * @param filterBait       lines the default datafeed filter drops, by reason (sorted by reason)
 * @param attackEvents     lines that belong to an injected attack
 * @param benignJobEvents  lines that belong to a labelled benign job
 * @param hosts            hosts in the fleet
 * @param attacks          injected attacks (labels with label {@code attack})
 * @param benignJobs       labelled benign jobs
 */
public record SimulationSummary(long events, long defendEvents, long auditbeatEvents, Map<String, Long> filterBait,
                                long attackEvents, long benignJobEvents, int hosts, int attacks, int benignJobs) {

    public SimulationSummary {
        filterBait = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requireNonNull(filterBait, "filterBait is null")));
    }

    /** Lines the default datafeed filter keeps. */
    public long keptEvents() {
        return events - filterBait.values().stream().mapToLong(Long::longValue).sum();
    }
}
