package io.netrare.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Attacks on many hosts at once (see {@link Scenario}): an outbreak of one new binary on every host of one role in
 * the same bucket, running for three buckets; and a scanner on three hosts of three different roles in one bucket.
 * One label per host, all of an attack sharing its kind and number. Each draws from its own seed, so turning one
 * on or off moves nothing else.
 */
final class Outbreaks {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    /** Attack numbers after the single-host attacks of {@link Attacks}. */
    static final int OUTBREAK_NUMBER = 9;
    static final int SCANNER_NUMBER = 10;
    private static final int OUTBREAK_BUCKETS = 3;

    private Outbreaks() {
    }

    static List<Episode> plan(FleetSpec spec, List<SimHost> hosts) {
        List<Episode> out = new ArrayList<>();
        if (!spec.attacks()) {
            return out;
        }
        Map<Role, List<SimHost>> byRole = new EnumMap<>(Role.class);
        hosts.forEach(h -> byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h));
        if (spec.scenario().outbreak()) {
            outbreak(spec, byRole, out);
        }
        if (spec.scenario().crossRoleScanner()) {
            scanner(spec, byRole, out);
        }
        return out;
    }

    private static void outbreak(FleetSpec spec, Map<Role, List<SimHost>> byRole, List<Episode> out) {
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "outbreak", 0));
        List<Role> candidates = byRole.entrySet().stream().filter(e -> e.getValue().size() >= 3).map(Map.Entry::getKey)
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        Role role = candidates.get(random.nextInt(candidates.size()));
        long bucket = bucketInAttackWindow(spec, random, OUTBREAK_BUCKETS);
        long span = FleetSpec.BUCKET.toMillis();
        for (SimHost host : byRole.get(role)) {
            List<long[]> runs = new ArrayList<>();
            long[] times = new long[OUTBREAK_BUCKETS * 2];
            int n = 0;
            for (int b = 0; b < OUTBREAK_BUCKETS; b++) {
                int events = 1 + random.nextInt(2);
                for (int i = 0; i < events; i++) {
                    times[n++] = bucket + b * span + random.nextLong(span);
                }
            }
            long[] run = java.util.Arrays.copyOf(times, n);
            java.util.Arrays.sort(run);
            runs.add(run);
            Episode.Job job = new Episode.Job(Scenario.OUTBREAK, Label.ATTACK, "kdevtmpfsi", "/tmp/kdevtmpfsi",
                    userOf(host), Peer.of("198.51.100.88", 3333), "tcp", "fleet_rare", null);
            add(out, Episode.of(id(OUTBREAK_NUMBER, Scenario.OUTBREAK, host), job, host, runs, spec, random));
        }
    }

    private static void scanner(FleetSpec spec, Map<Role, List<SimHost>> byRole, List<Episode> out) {
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "scanner", 0));
        List<Role> roles = new ArrayList<>(byRole.keySet());
        if (roles.size() < 3) {
            return;
        }
        long bucket = bucketInAttackWindow(spec, random, 1);
        long span = FleetSpec.BUCKET.toMillis();
        for (int k = 0; k < 3; k++) {
            Role role = roles.remove(random.nextInt(roles.size()));
            List<SimHost> candidates = byRole.get(role);
            SimHost host = candidates.get(random.nextInt(candidates.size()));
            int events = 15 + random.nextInt(26);
            long first = bucket + random.nextLong(span / 3);
            long[] times = new long[events];
            for (int i = 0; i < events; i++) {
                times[i] = Math.min(bucket + span - 1, first + i * (1_000 + random.nextLong(5_000)));
            }
            Episode.Job job = new Episode.Job(Scenario.SCANNER, Label.ATTACK, "masscan", "/tmp/.x/masscan", userOf(host),
                    Peer.range("10.0." + (1 + random.nextInt(5)) + ".", 1, 254, 22), "tcp", "fleet_rare", null);
            add(out, Episode.of(id(SCANNER_NUMBER, Scenario.SCANNER, host), job, host, List.<long[]>of(times), spec,
                    random));
        }
    }

    /** A bucket start after the history period that leaves room for {@code buckets} buckets and an hour. */
    private static long bucketInAttackWindow(FleetSpec spec, SplittableRandom random, int buckets) {
        long span = FleetSpec.BUCKET.toMillis();
        long from = spec.start().toEpochMilli() + spec.historyDays() * 24 * HOUR;
        long room = Math.max(span, spec.end().toEpochMilli() - from - buckets * span - HOUR);
        return Math.floorDiv(from + random.nextLong(room), span) * span;
    }

    private static String userOf(SimHost host) {
        return switch (host.role()) {
            case WEB -> host.webUser();
            case APP -> "app";
            case DB -> "postgres";
            case CACHE -> "redis";
            case CI, BASTION -> "root";
        };
    }

    private static String id(int number, String kind, SimHost host) {
        return String.format(Locale.ROOT, "attack-%02d-%s-%s", number, kind, host.name());
    }

    private static void add(List<Episode> out, Episode e) {
        if (e != null) {
            out.add(e);
        }
    }
}
