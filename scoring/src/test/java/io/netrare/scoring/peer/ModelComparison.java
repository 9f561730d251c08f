package io.netrare.scoring.peer;

import io.netrare.models.rare.RarityProvider;
import io.netrare.models.peer.PeerRareProvider;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelProvider;
import io.netrare.scoring.EngineConfig;
import io.netrare.scoring.OfflineScorer;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores one simulated fleet with the three configurations (rare fleet-wide, rare partitioned by host, peer_rare)
 * and counts, per configuration, the attacks alerted on and the false alerts. An alert is a record version with
 * record_score >= 50 (the rule's threshold); it matches an attack when its by value is the attack's process, its
 * bucket lies within the attack's span and the attack's host is among its host.name influencers (or its partition).
 */
final class ModelComparison {

    static final double THRESHOLD = 50;

    /** What one configuration did on one fleet. */
    record Outcome(String model, TreeSet<String> attacksAlerted, int falseAlerts, Map<String, Integer> falseByProcess,
                   double falsePerHostDay) {
    }

    record Fleet(long seed, List<Label> attacks, int hosts, int days, Map<String, Outcome> outcomes) {
    }

    static Fleet run(long seed) {
        FleetSimulator sim = new FleetSimulator(FleetSpec.defaults().withSeed(seed));
        List<NetworkEvent> events = sim.datafeedEvents().toList();
        JobSpec fleetJob = JobSpec.anchorDefault();
        JobSpec hostJob = new JobSpec(fleetJob.jobId(), fleetJob.bucketSpan(), fleetJob.function(), fleetJob.byFieldName(),
                "host.name", fleetJob.influencers());
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int hosts = sim.spec().hosts();
        int days = sim.spec().days();
        outcomes.put("rare", evaluate("rare", fleetJob, new RarityProvider(), events, sim.attacks(), hosts, days));
        outcomes.put("rare by host", evaluate("rare by host", hostJob, new RarityProvider(), events, sim.attacks(), hosts, days));
        outcomes.put("peer_rare", evaluate("peer_rare", fleetJob, new PeerRareProvider(), events, sim.attacks(), hosts, days));
        return new Fleet(seed, sim.attacks(), hosts, days, outcomes);
    }

    static Outcome evaluate(String name, JobSpec job, ModelProvider provider, List<NetworkEvent> events,
                            List<Label> attacks, int hosts, int days) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        OfflineScorer scorer = new OfflineScorer(job, provider, EngineConfig.defaults().withInterim(false), clock);
        OfflineScorer.Result result = scorer.score(events);
        // one alert per record id: the first final version at or over the threshold
        Map<String, AnomalyRecord> alerts = new LinkedHashMap<>();
        for (AnomalyRecord r : result.emitted()) {
            if (!r.interim() && r.recordScore() >= THRESHOLD) {
                alerts.putIfAbsent(r.recordId(), r);
            }
        }
        TreeSet<String> hit = new TreeSet<>();
        Map<String, Integer> falseByProcess = new TreeMap<>();
        int falseAlerts = 0;
        for (AnomalyRecord r : alerts.values()) {
            List<String> matched = new ArrayList<>();
            for (Label a : attacks) {
                if (matches(r, a, job.bucketSpanMillis())) {
                    matched.add(a.id());
                }
            }
            if (matched.isEmpty()) {
                falseAlerts++;
                falseByProcess.merge(r.byFieldValue(), 1, Integer::sum);
            }
            hit.addAll(matched);
        }
        return new Outcome(name, hit, falseAlerts, falseByProcess, (double) falseAlerts / (hosts * (double) days));
    }

    static boolean matches(AnomalyRecord r, Label a, long span) {
        long from = Math.floorDiv(a.first().toEpochMilli(), span) * span;
        long to = Math.floorDiv(a.last().toEpochMilli(), span) * span;
        boolean host = a.host().equals(r.partitionFieldValue()) || r.influencerValues("host.name").contains(a.host());
        return a.processName().equals(r.byFieldValue()) && r.timestamp() >= from && r.timestamp() <= to && host;
    }

    /** Prints the comparison table for the given seeds (default 5 seeds). */
    public static void main(String[] args) {
        long[] seeds = args.length == 0 ? new long[]{42, 7, 1001, 2026, 31337} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        System.out.println("| seed | attacks | attacks alerted: rare / rare by host / peer_rare | host-only attacks alerted by peer_rare"
                + " | false alerts (per host-day): rare / rare by host / peer_rare |");
        System.out.println("|---|---|---|---|---|");
        for (long seed : seeds) {
            Fleet f = run(seed);
            Outcome rare = f.outcomes().get("rare");
            Outcome host = f.outcomes().get("rare by host");
            Outcome peer = f.outcomes().get("peer_rare");
            long hostOnly = f.attacks().stream().filter(a -> !"fleet_rare".equals(a.visibleTo())).count();
            long hostOnlyHit = f.attacks().stream().filter(a -> !"fleet_rare".equals(a.visibleTo()))
                    .filter(a -> peer.attacksAlerted().contains(a.id())).count();
            System.out.printf(java.util.Locale.ROOT, "| %d | %d | %d / %d / %d | %d of %d | %d (%.3f) / %d (%.3f) / %d (%.3f) |%n",
                    seed, f.attacks().size(), rare.attacksAlerted().size(), host.attacksAlerted().size(),
                    peer.attacksAlerted().size(), hostOnlyHit, hostOnly, rare.falseAlerts(), rare.falsePerHostDay(),
                    host.falseAlerts(), host.falsePerHostDay(), peer.falseAlerts(), peer.falsePerHostDay());
            System.err.println("seed " + seed + " false by process: rare " + rare.falseByProcess() + "; by host "
                    + host.falseByProcess() + "; peer_rare " + peer.falseByProcess());
            System.err.println("seed " + seed + " missed by peer_rare: " + f.attacks().stream()
                    .filter(a -> !peer.attacksAlerted().contains(a.id())).map(Label::id).toList()
                    + "; rare alerted " + rare.attacksAlerted());
        }
    }
}
