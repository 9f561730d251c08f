package io.netrare.scoring;

import io.netrare.schema.NetworkEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic fleet for tests: 20 hosts, 15 minute buckets, processes that use the network in
 * every bucket (sshd, systemd-resolved, chronyd on half the hosts) or most of them (curl), and events
 * added on demand.
 */
final class Fleet {
    static final long SPAN = Duration.ofMinutes(15).toMillis();
    static final Instant START = Instant.ofEpochMilli(1_764_547_200_000L); // a bucket boundary

    private final Random random;
    private final List<NetworkEvent> events = new ArrayList<>();

    Fleet(long seed) {
        this.random = new Random(seed);
    }

    static NetworkEvent event(Instant t, String host, String process, String user, String destination) {
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, t,
                new NetworkEvent.Host(host, host + "-id", new NetworkEvent.Os("linux", "debian", "Debian")),
                new NetworkEvent.Process(process, "/usr/bin/" + process, 1000L, null),
                new NetworkEvent.User(user, "0"), new NetworkEvent.Endpoint("10.0.0.5", 40000),
                new NetworkEvent.Endpoint(destination, 443), new NetworkEvent.Network("tcp", "egress"),
                new NetworkEvent.Event("connection_attempted", List.of("network"), List.of("start"), "endpoint", "endpoint.events.network"),
                1, null);
    }

    /** Normal traffic over the given buckets. */
    Fleet normal(int fromBucket, int buckets) {
        for (int b = fromBucket; b < fromBucket + buckets; b++) {
            for (int h = 0; h < 20; h++) {
                String host = String.format("web-%02d", h);
                add(b, host, "sshd", "root", "10.0.0.1");
                add(b, host, "systemd-resolved", "systemd-resolve", "10.0.0.53");
                if (h % 2 == 0) {
                    add(b, host, "chronyd", "chrony", "162.159.200.1");
                }
                if (random.nextDouble() < 0.9) {
                    add(b, host, "curl", "deploy", "140.82.112.3");
                }
            }
        }
        return this;
    }

    Fleet add(int bucket, String host, String process, String user, String destination) {
        Instant t = START.plusMillis(bucket * SPAN + (long) (random.nextDouble() * (SPAN - 1000)));
        events.add(event(t, host, process, user, destination));
        return this;
    }

    /** Events in time order, as a replay reads them. */
    List<NetworkEvent> events() {
        List<NetworkEvent> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(NetworkEvent::timestamp));
        return sorted;
    }
}
