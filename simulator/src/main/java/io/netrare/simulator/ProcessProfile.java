package io.netrare.simulator;

import static java.util.Objects.requireNonNull;

/**
 * A network-using process as it runs on a host: who runs it, where it connects (or who connects to it), and
 * how often.
 *
 * @param name       process name (executable base name, as Defend reports it)
 * @param executable absolute path
 * @param user       user name; its id comes from {@link Users}
 * @param inbound    true for accepted connections (the host listens on {@code listenPort})
 * @param transport  {@code tcp} or {@code udp}
 * @param peer       remote addresses
 * @param listenPort local port for inbound profiles, 0 otherwise
 * @param rate       mean events per 15-minute bucket at the busiest hour, before scaling
 * @param steady     system daemon: no daily rhythm
 * @param daemon     long-running: one pid per host; otherwise a new pid per event
 * @param bait       set when the default datafeed filter drops these events
 */
record ProcessProfile(String name, String executable, String user, boolean inbound, String transport, Peer peer,
                      int listenPort, double rate, boolean steady, boolean daemon, FilterBait bait) {

    ProcessProfile {
        requireNonNull(name, "name is null");
        requireNonNull(executable, "executable is null");
        requireNonNull(user, "user is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(peer, "peer is null");
    }

    static ProcessProfile out(String name, String executable, String user, Peer peer, double rate) {
        return new ProcessProfile(name, executable, user, false, "tcp", peer, 0, rate, false, false, null);
    }

    static ProcessProfile in(String name, String executable, String user, Peer peer, int listenPort, double rate) {
        return new ProcessProfile(name, executable, user, true, "tcp", peer, listenPort, rate, false, true, null);
    }

    ProcessProfile udp() {
        return new ProcessProfile(name, executable, user, inbound, "udp", peer, listenPort, rate, steady, daemon, bait);
    }

    ProcessProfile steadyDaemon() {
        return new ProcessProfile(name, executable, user, inbound, transport, peer, listenPort, rate, true, true, bait);
    }

    ProcessProfile asDaemon() {
        return new ProcessProfile(name, executable, user, inbound, transport, peer, listenPort, rate, steady, true, bait);
    }

    ProcessProfile bait(FilterBait reason) {
        return new ProcessProfile(name, executable, user, inbound, transport, peer, listenPort, rate, steady, daemon, reason);
    }
}
