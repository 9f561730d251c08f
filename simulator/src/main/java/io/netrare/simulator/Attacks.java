package io.netrare.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injected attacks. Four are new to the whole fleet (a fleet-wide rare model should see them); three use a
 * process that is common on other roles but never runs on the victim's role (only a per-role or per-host view
 * can see them). Each starts after the history period, at a seed-chosen host and time.
 */
final class Attacks {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final String[] DROPPED_NAMES = {".kworkerd", ".dbus-helper", ".sshd-cache", ".xorg-update"};

    private Attacks() {
    }

    static List<Episode> plan(FleetSpec spec, List<SimHost> hosts) {
        List<Episode> episodes = new ArrayList<>();
        if (!spec.attacks()) {
            return episodes;
        }
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "attacks", 0));
        int n = 0;
        // Fleet-rare attacks.
        n = add(episodes, spec, random, n, pick(hosts, Role.WEB, random), host -> job("reverse_shell", "bash",
                "/usr/bin/bash", host.webUser(), Peer.of("203.0.113.66", 4444), "fleet_rare"), 3, 8, 5 * MINUTE);
        n = add(episodes, spec, random, n, pick(hosts, Role.APP, random), host -> job("reverse_shell", "nc",
                "/usr/bin/nc.openbsd", "app", Peer.of("198.51.100.66", 4444), "fleet_rare"), 1, 4, 3 * MINUTE);
        n = add(episodes, spec, random, n, pick(hosts, Role.APP, random), host -> job("cryptominer", "xmrig",
                "/var/tmp/.cache/xmrig", "app", Peer.of("198.51.100.77", 3333), "fleet_rare"), 20, 40, 12 * MINUTE);
        String dropped = DROPPED_NAMES[random.nextInt(DROPPED_NAMES.length)];
        n = add(episodes, spec, random, n, pick(hosts, Role.WEB, random), host -> job("dropped_binary", dropped,
                "/tmp/" + dropped, host.webUser(), Peer.of("203.0.113.99", 8080), "fleet_rare"), 12, 30, 12 * MINUTE);
        n = add(episodes, spec, random, n, pick(hosts, Role.BASTION, random), host -> job("tunnel", "chisel",
                "/tmp/chisel", "root", Peer.of("198.51.100.23", 443), "fleet_rare"), 4, 8, 30 * MINUTE);
        // Host-only attacks: common processes on the wrong role.
        n = add(episodes, spec, random, n, pick(hosts, Role.DB, random), host -> job("host_only_curl", "curl",
                "/usr/bin/curl", "postgres", Peer.of("203.0.113.200", 80), "per_role"), 2, 3, 2 * MINUTE);
        n = add(episodes, spec, random, n, pick(hosts, Role.WEB, random), host -> job("host_only_ssh", "ssh",
                "/usr/bin/ssh", host.webUser(), Peer.of("198.51.100.150", 22), "per_role"), 1, 3, 4 * MINUTE);
        add(episodes, spec, random, n, pick(hosts, Role.WEB, random), host -> job("host_only_python3", "python3",
                "/usr/bin/python3.11", host.webUser(), Peer.of("203.0.113.210", 8443), "per_role"), 2, 4, 3 * MINUTE);
        return episodes;
    }

    private static int add(List<Episode> out, FleetSpec spec, SplittableRandom random, int n, SimHost host,
                           java.util.function.Function<SimHost, Episode.Job> jobFor, int minEvents, int maxEvents,
                           long meanGap) {
        // Draw the time even when the role is missing so later attacks keep their placement.
        long history = spec.start().toEpochMilli() + spec.historyDays() * 24 * HOUR;
        long window = spec.end().toEpochMilli() - history;
        int count = minEvents + random.nextInt(maxEvents - minEvents + 1);
        // Leave room for the whole attack before the end.
        long room = Math.max(HOUR, window - count * meanGap * 2 - HOUR);
        long start = history + random.nextLong(Math.max(1, Math.min(room, window - HOUR)));
        if (host == null) {
            return n;
        }
        Episode.Job job = jobFor.apply(host);
        long[] times = new long[count];
        long t = start;
        for (int i = 0; i < count; i++) {
            times[i] = t;
            t += meanGap / 2 + random.nextLong(meanGap); // beacons: roughly periodic with jitter
        }
        String id = String.format(java.util.Locale.ROOT, "attack-%02d-%s", n + 1, job.kind());
        Episode episode = Episode.of(id, job, host, List.<long[]>of(times), spec, random);
        if (episode != null) {
            out.add(episode);
        }
        return n + 1;
    }

    private static SimHost pick(List<SimHost> hosts, Role role, SplittableRandom random) {
        List<SimHost> candidates = hosts.stream().filter(h -> h.role() == role).toList();
        int draw = random.nextInt(1 << 20);
        return candidates.isEmpty() ? null : candidates.get(draw % candidates.size());
    }

    private static Episode.Job job(String kind, String name, String exe, String user, Peer peer, String visibleTo) {
        return new Episode.Job(kind, Label.ATTACK, name, exe, user, peer, "tcp", visibleTo, null);
    }
}
