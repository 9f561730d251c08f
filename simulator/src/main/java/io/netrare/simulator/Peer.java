package io.netrare.simulator;

import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * The remote side of a connection: an IPv4 address drawn from {@code prefix + [low, high]} and a port.
 * For outbound connections the port is the destination port; for inbound ones the remote port is ephemeral.
 */
record Peer(String prefix, int low, int high, int port) {

    Peer {
        requireNonNull(prefix, "prefix is null");
        if (low > high) {
            throw new IllegalArgumentException("low > high");
        }
    }

    static Peer of(String ip, int port) {
        int dot = ip.lastIndexOf('.');
        int last = Integer.parseInt(ip.substring(dot + 1));
        return new Peer(ip.substring(0, dot + 1), last, last, port);
    }

    static Peer range(String prefix, int low, int high, int port) {
        return new Peer(prefix, low, high, port);
    }

    String pickIp(SplittableRandom random) {
        return low == high ? prefix + low : prefix + random.nextInt(low, high + 1);
    }
}
