package io.netrare.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.util.Objects.requireNonNull;

/**
 * A deterministic simulated Linux fleet: hosts with roles, background network activity with daily rhythms,
 * labelled benign jobs and injected attacks. The same {@link FleetSpec} always gives the same events, the same
 * bytes and the same labels. Events are generated bucket by bucket, so memory stays small however long the run.
 *
 * <pre>{@code
 * FleetSimulator sim = new FleetSimulator(FleetSpec.defaults().withSeed(7));
 * sim.events().forEach(...);          // NetworkEvents in time order, as ingest would parse them
 * sim.writeEcs(writer);               // ECS NDJSON
 * sim.labels();                       // ground truth
 * }</pre>
 */
public final class FleetSimulator {

    private final FleetSpec spec;
    private final List<SimHost> hosts;
    private final List<Episode> episodes;
    private final List<Connection> planned;
    private final Churn churn;

    public FleetSimulator(FleetSpec spec) {
        this.spec = requireNonNull(spec, "spec is null");
        this.hosts = Fleet.build(spec);
        this.churn = new Churn(spec, hosts);
        List<Episode> all = new ArrayList<>();
        for (Episode e : BenignJobs.plan(spec, hosts)) {
            Episode kept = e.within(churn);
            if (kept != null) {
                all.add(kept);
            }
        }
        all.addAll(Attacks.plan(spec, churn.stable()));
        all.addAll(Outbreaks.plan(spec, churn.stable()));
        this.episodes = List.copyOf(all);
        List<Connection> connections = new ArrayList<>();
        episodes.forEach(e -> connections.addAll(e.connections()));
        connections.sort(Comparator.comparingLong(Connection::time)); // stable: ties keep planning order
        this.planned = List.copyOf(connections);
    }

    public FleetSpec spec() {
        return spec;
    }

    /** The hosts, in generation order (hosts that join mid-run last). */
    public List<SimHost> hosts() {
        return hosts;
    }

    /** Names of the hosts that join after the start, with the first instant they send events. */
    public Map<String, Instant> joinedHosts() {
        Map<String, Instant> out = new TreeMap<>();
        for (SimHost h : hosts) {
            if (churn.from(h) > spec.start().toEpochMilli()) {
                out.put(h.name(), Instant.ofEpochMilli(churn.from(h)));
            }
        }
        return out;
    }

    /** Names of the hosts that stop before the end, with the instant they stop sending events. */
    public Map<String, Instant> leftHosts() {
        Map<String, Instant> out = new TreeMap<>();
        for (SimHost h : hosts) {
            if (churn.until(h) < spec.end().toEpochMilli()) {
                out.put(h.name(), Instant.ofEpochMilli(churn.until(h)));
            }
        }
        return out;
    }

    /** Host-days of activity: every host's days between joining (or the start) and leaving (or the end). */
    public double hostDays() {
        double sum = 0;
        for (SimHost h : hosts) {
            sum += (churn.until(h) - churn.from(h)) / 86_400_000.0;
        }
        return sum;
    }

    /** Every labelled attack and benign job, attacks last, each list in planning order. */
    public List<Label> labels() {
        return episodes.stream().map(Episode::label).toList();
    }

    /** Labels of the injected attacks only. */
    public List<Label> attacks() {
        return labels().stream().filter(Label::isAttack).toList();
    }

    /** Every event in time order, normalized as ingest's parser would produce it from the ECS line. */
    public Stream<NetworkEvent> events() {
        return connections().map(NetworkEvents::of);
    }

    /** The events the anchor's default datafeed filter keeps (no loopback, jenkins, agent or non-start events). */
    public Stream<NetworkEvent> datafeedEvents() {
        return connections().filter(c -> c.effectiveBait() == null).map(NetworkEvents::of);
    }

    /** Writes the fleet as ECS NDJSON in the spec's shape. The writer is flushed, not closed. */
    public SimulationSummary writeEcs(Writer out) {
        requireNonNull(out, "out is null");
        long[] sequences = new long[hosts.size()];
        long defend = 0;
        long auditbeat = 0;
        long attackEvents = 0;
        long benignEvents = 0;
        Map<String, Long> bait = new TreeMap<>();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            Iterator<Connection> it = new BucketGenerator(spec, hosts, planned, churn);
            while (it.hasNext()) {
                Connection c = it.next();
                long sequence = ++sequences[c.host().index()];
                if (c.host().agent() == SimHost.Agent.DEFEND) {
                    DefendDocument.write(g, c, sequence);
                    defend++;
                } else {
                    AuditbeatDocument.write(g, c, sequence);
                    auditbeat++;
                }
                g.writeRaw('\n');
                FilterBait reason = c.effectiveBait();
                if (reason != null) {
                    bait.merge(reason.reason(), 1L, Long::sum);
                }
                if (c.labelId() != null) {
                    if (c.labelId().startsWith("attack-")) {
                        attackEvents++;
                    } else {
                        benignEvents++;
                    }
                }
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated events", e);
        }
        int attacks = attacks().size();
        return new SimulationSummary(defend + auditbeat, defend, auditbeat, bait, attackEvents, benignEvents,
                hosts.size(), attacks, episodes.size() - attacks);
    }

    /** Writes the fleet in another shape: same hosts, times and labels, other agents. */
    public SimulationSummary writeEcs(Writer out, Shape shape) {
        return (shape == spec.shape() ? this : new FleetSimulator(spec.withShape(shape))).writeEcs(out);
    }

    /** Writes the labels as a pretty-printed JSON array. */
    public void writeLabels(Writer out) {
        try {
            out.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(labels()));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels", e);
        }
    }

    private Stream<Connection> connections() {
        Iterator<Connection> it = new BucketGenerator(spec, hosts, planned, churn);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
