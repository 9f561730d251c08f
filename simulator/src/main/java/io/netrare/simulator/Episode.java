package io.netrare.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/** A labelled stretch of activity (an attack or a benign job) on one host, with its events already drawn. */
record Episode(Label label, List<Connection> connections) {

    Episode {
        requireNonNull(label, "label is null");
        connections = List.copyOf(connections);
    }

    /** What runs: process, user, where it connects, and how it is labelled. */
    record Job(String kind, String labelClass, String name, String executable, String user, Peer peer,
               String transport, String visibleTo, Duration cadence) {
        Job {
            requireNonNull(kind, "kind is null");
            requireNonNull(labelClass, "labelClass is null");
            requireNonNull(name, "name is null");
            requireNonNull(executable, "executable is null");
            requireNonNull(user, "user is null");
            requireNonNull(peer, "peer is null");
            requireNonNull(transport, "transport is null");
            requireNonNull(visibleTo, "visibleTo is null");
        }
    }

    /**
     * Builds the episode from runs of the job, each run one process (one pid) with its connection times.
     * Times outside [start, end) are dropped; returns null when nothing is left.
     */
    static Episode of(String id, Job job, SimHost host, List<long[]> runs, FleetSpec spec, SplittableRandom random) {
        long from = spec.start().toEpochMilli();
        long to = spec.end().toEpochMilli();
        List<Connection> connections = new ArrayList<>();
        for (long[] run : runs) {
            long pid = 2_000 + random.nextInt(400_000);
            long ppid = 1 + random.nextInt(2_000);
            String ip = job.peer().pickIp(random);
            for (long t : run) {
                if (t >= from && t < to) {
                    connections.add(new Connection(t, host, job.name(), job.executable(), job.user(), pid, ppid,
                            run[0] - 1_000, false, job.transport(), ip, job.peer().port(),
                            32_768 + random.nextInt(28_000), false, null, id));
                }
            }
        }
        if (connections.isEmpty()) {
            return null;
        }
        connections.sort(java.util.Comparator.comparingLong(Connection::time));
        Connection first = connections.get(0);
        Label label = new Label(id, job.kind(), job.labelClass(), host.name(), host.role().label(),
                Connection.observedName(host, job.name()), job.user(), first.remoteIp() + ":" + job.peer().port(),
                Instant.ofEpochMilli(first.time()), Instant.ofEpochMilli(connections.get(connections.size() - 1).time()),
                connections.size(), job.visibleTo(), job.cadence() == null ? null : job.cadence().toString());
        return new Episode(label, connections);
    }

    /** The part of this episode while its host sends events, or null when nothing is left. */
    Episode within(Churn churn) {
        List<Connection> kept = connections.stream().filter(c -> churn.active(c.host(), c.time())).toList();
        if (kept.size() == connections.size()) {
            return this;
        }
        if (kept.isEmpty()) {
            return null;
        }
        Label l = label;
        return new Episode(new Label(l.id(), l.kind(), l.label(), l.host(), l.role(), l.processName(), l.user(),
                l.destination(), Instant.ofEpochMilli(kept.get(0).time()),
                Instant.ofEpochMilli(kept.get(kept.size() - 1).time()), kept.size(), l.visibleTo(), l.cadence()),
                kept);
    }

    /** A run of {@code count} connections starting at {@code start}, spaced by up to {@code maxGapMillis}. */
    static long[] burst(long start, int count, long maxGapMillis, SplittableRandom random) {
        long[] times = new long[count];
        long t = start;
        for (int i = 0; i < count; i++) {
            times[i] = t;
            t += 1 + random.nextLong(Math.max(1, maxGapMillis));
        }
        return times;
    }
}
