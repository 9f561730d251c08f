package io.netrare.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each host sends events: from the start to the end for most; hosts that join start mid-run, hosts that
 * leave stop mid-run. Joining hosts come after the fleet's own hosts in the host list; leaving hosts are drawn
 * from the fleet's own. Attacks are placed on stable hosts only, so churn never removes one.
 */
final class Churn {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final long[] from;
    private final long[] until;
    private final List<SimHost> stable;

    Churn(FleetSpec spec, List<SimHost> hosts) {
        long start = spec.start().toEpochMilli();
        long end = spec.end().toEpochMilli();
        long span = FleetSpec.BUCKET.toMillis();
        from = new long[hosts.size()];
        until = new long[hosts.size()];
        java.util.Arrays.fill(from, start);
        java.util.Arrays.fill(until, end);
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "churn", 0));
        int own = spec.hosts();
        // Joiners arrive from a day in to half a day before the end: most of them see the attack days.
        long earliest = Math.min(start + DAY, end - HOUR);
        long latest = Math.max(earliest + span, end - DAY / 2);
        for (int i = own; i < hosts.size(); i++) {
            from[i] = Math.floorDiv(earliest + random.nextLong(latest - earliest), span) * span;
        }
        boolean[] leaves = new boolean[own];
        for (int left = 0; left < spec.scenario().leavingHosts(); ) {
            int i = random.nextInt(own);
            if (!leaves[i]) {
                leaves[i] = true;
                until[i] = Math.floorDiv(earliest + random.nextLong(latest - earliest), span) * span;
                left++;
            }
        }
        List<SimHost> keep = new ArrayList<>();
        for (int i = 0; i < own; i++) {
            if (!leaves[i]) {
                keep.add(hosts.get(i));
            }
        }
        stable = List.copyOf(keep);
    }

    boolean active(SimHost host, long time) {
        return time >= from[host.index()] && time < until[host.index()];
    }

    /** The hosts that send events from the start to the end. */
    List<SimHost> stable() {
        return stable;
    }

    long from(SimHost host) {
        return from[host.index()];
    }

    long until(SimHost host) {
        return until[host.index()];
    }
}
