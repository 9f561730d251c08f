package io.netrare.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benign jobs that a plain rare model tends to flag: periodic maintenance at a fixed cadence, and processes
 * that run now and then on every host.
 */
final class BenignJobs {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Chance that a periodic run is skipped (host down, lock held): cadence detection must tolerate gaps. */
    private static final double MISSED_RUN = 0.05;

    private BenignJobs() {
    }

    static List<Episode> plan(FleetSpec spec, List<SimHost> hosts) {
        List<Episode> episodes = new ArrayList<>();
        for (SimHost host : hosts) {
            SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "benign", host.index()));
            occasional(spec, host, random, episodes);
            periodic(spec, host, random, episodes);
        }
        return episodes;
    }

    private static void occasional(FleetSpec spec, SimHost host, SplittableRandom random, List<Episode> out) {
        long start = spec.start().toEpochMilli();
        long end = spec.end().toEpochMilli();
        // dhclient renews a 24h lease at about half its life.
        List<long[]> renewals = new ArrayList<>();
        for (long t = start + random.nextLong(12 * HOUR); t < end; t += 12 * HOUR - 90 * MINUTE + random.nextLong(180 * MINUTE)) {
            renewals.add(Episode.burst(t, 1 + random.nextInt(2), 4_000, random));
        }
        add(out, Episode.of("benign-dhclient-" + host.name(), job("dhclient_renewal", Label.BENIGN_OCCASIONAL,
                "dhclient", "/usr/sbin/dhclient", "root", Peer.of("10.0.0.1", 67), "udp", "per_host", null),
                host, renewals, spec, random));
        // apt's daily timer fires at a random time of day, so the package fetch moves from day to day.
        String name = host.os().debian() ? "apt-get" : "dnf";
        String exe = host.os().debian() ? "/usr/bin/apt-get" : "/usr/bin/dnf";
        String user = host.os().debian() ? "_apt" : "root";
        List<long[]> updates = new ArrayList<>();
        List<long[]> upgrades = new ArrayList<>();
        for (long day = start; day < end; day += DAY) {
            if (random.nextDouble() < 0.85) {
                updates.add(Episode.burst(day + 6 * HOUR + random.nextLong(12 * HOUR), 3 + random.nextInt(6), 20_000, random));
            }
            if (random.nextDouble() < 0.7) {
                upgrades.add(Episode.burst(day + 6 * HOUR + random.nextLong(HOUR), 2 + random.nextInt(3), 30_000, random));
            }
        }
        add(out, Episode.of("benign-" + name + "-" + host.name(), job("package_update", Label.BENIGN_OCCASIONAL,
                name, exe, user, Peer.of("203.0.113.80", 80), "tcp", "per_host", null), host, updates, spec, random));
        String upgrader = host.os().debian() ? "unattended-upgrades" : "dnf-automatic";
        add(out, Episode.of("benign-" + upgrader + "-" + host.name(), job("unattended_upgrade", Label.BENIGN_OCCASIONAL,
                upgrader, "/usr/bin/" + upgrader, "root", Peer.of("203.0.113.81", 443), "tcp", "per_host", null),
                host, upgrades, spec, random));
    }

    private static void periodic(FleetSpec spec, SimHost host, SplittableRandom random, List<Episode> out) {
        switch (host.role()) {
            case DB -> {
                add(out, daily(spec, host, random, 2 * HOUR, job("pg_dump", Label.BENIGN_PERIODIC, "pg_dump",
                        "/usr/lib/postgresql/16/bin/pg_dump", "postgres", Peer.of(host.ip(), 5432), "tcp",
                        "fleet_rare", Duration.ofDays(1)), 2, 3));
                add(out, rsync(spec, host, random));
            }
            case WEB -> {
                add(out, rsync(spec, host, random));
                long minute = random.nextInt(60) * MINUTE; // each host's certbot timer has its own fixed minute
                add(out, daily(spec, host, random, 4 * HOUR + minute, job("certificate_renewal", Label.BENIGN_PERIODIC,
                        "certbot", "/usr/bin/certbot", "root", Peer.of("203.0.113.50", 443), "tcp", "fleet_rare",
                        Duration.ofDays(1)), 2, 2));
            }
            case APP -> {
                List<long[]> runs = new ArrayList<>();
                for (long t = spec.start().toEpochMilli() + 45 * MINUTE; t < spec.end().toEpochMilli(); t += 6 * HOUR) {
                    if (random.nextDouble() >= MISSED_RUN) {
                        runs.add(Episode.burst(t + random.nextLong(30_000), 2, 5_000, random));
                    }
                }
                add(out, Episode.of("benign-borg-" + host.name(), job("backup_borg", Label.BENIGN_PERIODIC, "borg",
                        "/usr/bin/borg", "root", Peer.of("10.0.7.11", 22), "tcp", "fleet_rare", Duration.ofHours(6)),
                        host, runs, spec, random));
            }
            default -> {
            }
        }
    }

    private static Episode rsync(FleetSpec spec, SimHost host, SplittableRandom random) {
        return daily(spec, host, random, 3 * HOUR + 30 * MINUTE, job("backup_rsync", Label.BENIGN_PERIODIC, "rsync",
                "/usr/bin/rsync", "root", Peer.of("10.0.7.10", 873), "tcp", "fleet_rare", Duration.ofDays(1)), 3, 3);
    }

    private static Episode daily(FleetSpec spec, SimHost host, SplittableRandom random, long timeOfDay, Episode.Job job,
                                 int minEvents, int extraEvents) {
        List<long[]> runs = new ArrayList<>();
        for (long day = spec.start().toEpochMilli(); day < spec.end().toEpochMilli(); day += DAY) {
            if (random.nextDouble() >= MISSED_RUN) {
                runs.add(Episode.burst(day + timeOfDay + random.nextLong(45_000), minEvents + random.nextInt(extraEvents),
                        30_000, random));
            }
        }
        return Episode.of("benign-" + job.name() + "-" + host.name(), job, host, runs, spec, random);
    }

    private static Episode.Job job(String kind, String labelClass, String name, String exe, String user, Peer peer,
                                   String transport, String visibleTo, Duration cadence) {
        return new Episode.Job(kind, labelClass, name, exe, user, peer, transport, visibleTo, cadence);
    }

    private static void add(List<Episode> out, Episode episode) {
        if (episode != null) {
            out.add(episode);
        }
    }
}
