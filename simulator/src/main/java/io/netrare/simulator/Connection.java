package io.netrare.simulator;

import static java.util.Objects.requireNonNull;

/**
 * One generated network event before it takes an ECS shape.
 *
 * @param time         epoch millis
 * @param host         the host it happened on
 * @param name         process name (full; Auditbeat hosts truncate it to the 15-byte comm when rendered)
 * @param executable   process executable
 * @param user         user name
 * @param pid          process id
 * @param ppid         parent process id
 * @param processStart epoch millis the process started (feeds Defend's entity id)
 * @param inbound      accepted (true) or initiated (false)
 * @param transport    tcp or udp
 * @param remoteIp     the peer's address
 * @param remotePort   the peer's port
 * @param localPort    the host's port
 * @param disconnect   true for a Defend {@code disconnect_received} (not a network start)
 * @param bait         why the default datafeed filter drops it, or null
 * @param labelId      id of the label (attack or benign job) it belongs to, or null for background traffic
 */
record Connection(long time, SimHost host, String name, String executable, String user, long pid, long ppid,
                  long processStart, boolean inbound, String transport, String remoteIp, int remotePort,
                  int localPort, boolean disconnect, FilterBait bait, String labelId) {

    Connection {
        requireNonNull(host, "host is null");
        requireNonNull(name, "name is null");
        requireNonNull(executable, "executable is null");
        requireNonNull(user, "user is null");
        requireNonNull(transport, "transport is null");
        requireNonNull(remoteIp, "remoteIp is null");
    }

    /** The process name as the host's agent reports it: auditd reports {@code comm}, at most 15 bytes. */
    String observedName() {
        return observedName(host, name);
    }

    static String observedName(SimHost host, String name) {
        return host.agent() == SimHost.Agent.AUDITBEAT && name.length() > 15 ? name.substring(0, 15) : name;
    }

    /** The filter reason, counting a disconnect as not a network start. */
    FilterBait effectiveBait() {
        return disconnect ? FilterBait.NOT_NETWORK_START : bait;
    }

    Connection asDisconnect(long at) {
        return new Connection(at, host, name, executable, user, pid, ppid, processStart, inbound, transport,
                remoteIp, remotePort, localPort, true, bait, labelId);
    }
}
