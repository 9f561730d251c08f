package io.netrare.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates connections one 15-minute bucket at a time, in time order, so six days of a fleet never sit in
 * memory. Each bucket draws from its own seed, so a bucket's content does not depend on the ones before it.
 */
final class BucketGenerator implements Iterator<Connection> {

    /** Share of a Defend host's outbound connections that also report a disconnect. */
    private static final double DISCONNECT_SHARE = 0.04;
    private static final Comparator<Slot> ORDER = Comparator.comparingLong((Slot s) -> s.connection.time())
            .thenComparingInt(s -> s.sequence);

    private final FleetSpec spec;
    private final List<SimHost> hosts;
    private final List<List<ProcessProfile>> mixes;
    private final List<Connection> planned;
    private final long span = FleetSpec.BUCKET.toMillis();
    private final long daemonStart;
    private int nextBucket;
    private int plannedIndex;
    private List<Slot> current = List.of();
    private int currentIndex;

    private final Churn churn;

    BucketGenerator(FleetSpec spec, List<SimHost> hosts, List<Connection> plannedSorted, Churn churn) {
        this.spec = spec;
        this.churn = churn;
        this.hosts = hosts;
        this.mixes = hosts.stream().map(h -> ProcessCatalog.mix(h, spec)).toList();
        this.planned = plannedSorted;
        this.daemonStart = spec.start().toEpochMilli() - 86_400_000L;
    }

    @Override
    public boolean hasNext() {
        while (currentIndex >= current.size()) {
            if (nextBucket >= spec.buckets()) {
                return false;
            }
            current = generate(nextBucket++);
            currentIndex = 0;
        }
        return true;
    }

    @Override
    public Connection next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(currentIndex++).connection;
    }

    private List<Slot> generate(int bucket) {
        long bucketStart = spec.start().toEpochMilli() + bucket * span;
        long bucketEnd = bucketStart + span;
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "bucket", bucket));
        double load = Rhythm.at(bucketStart);
        List<Slot> slots = new ArrayList<>();
        for (SimHost host : hosts) {
            // One stream per host, and agent-specific processes last in the mix: a host's other traffic is the
            // same whichever agent it runs.
            SplittableRandom hostRandom = random.split();
            if (!churn.active(host, bucketStart)) {
                continue; // split all the same, so the other hosts' streams do not depend on churn
            }
            for (ProcessProfile profile : mixes.get(host.index())) {
                double mean = profile.rate() * spec.eventsPerBucketScale() * (profile.steady() ? 1.0 : load);
                int n = Rhythm.poisson(hostRandom, mean);
                for (int i = 0; i < n; i++) {
                    Connection c = background(host, profile, bucketStart + hostRandom.nextLong(span), hostRandom);
                    slots.add(new Slot(c, slots.size()));
                    boolean disconnect = hostRandom.nextDouble() < DISCONNECT_SHARE;
                    long at = Math.min(bucketEnd - 1, c.time() + 1_000 + hostRandom.nextLong(60_000));
                    if (disconnect && host.agent() == SimHost.Agent.DEFEND && !c.inbound()) {
                        slots.add(new Slot(c.asDisconnect(at), slots.size()));
                    }
                }
            }
        }
        while (plannedIndex < planned.size() && planned.get(plannedIndex).time() < bucketEnd) {
            slots.add(new Slot(planned.get(plannedIndex++), slots.size()));
        }
        slots.sort(ORDER);
        return slots;
    }

    private Connection background(SimHost host, ProcessProfile p, long time, SplittableRandom random) {
        long pid;
        long ppid;
        long started;
        if (p.daemon()) {
            pid = host.daemonPid(p.name(), p.user());
            ppid = 1;
            started = daemonStart;
        } else {
            pid = 2_000 + random.nextInt(400_000);
            ppid = 300 + random.nextInt(2_000);
            started = time - 50;
        }
        String ip = p.peer().pickIp(random);
        int ephemeral = 32_768 + random.nextInt(28_000);
        return p.inbound()
                ? new Connection(time, host, p.name(), p.executable(), p.user(), pid, ppid, started, true, p.transport(),
                        ip, ephemeral, p.listenPort(), false, p.bait(), null)
                : new Connection(time, host, p.name(), p.executable(), p.user(), pid, ppid, started, false, p.transport(),
                        ip, p.peer().port(), ephemeral, false, p.bait(), null);
    }

    private record Slot(Connection connection, int sequence) {
    }
}
