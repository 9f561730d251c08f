package io.netrare.ingest;

import java.util.Locale;

/**
 * Why a well-formed input record did not become a NetworkEvent: it is not what the anchor's datafeed
 * selects. Filtering is expected; these are counted, not dead-lettered.
 */
public enum FilterReason {
    /** Not a network start: another syscall, a disconnect, a close, a config change... */
    NOT_NETWORK_START,
    /** host.os says it is not Linux (e.g. a Windows Defend event). */
    NOT_LINUX,
    /** Neither host.os.type nor host.os.family is known and the config does not accept that. */
    OS_UNKNOWN,
    /** An AF_UNIX socket: local IPC, not the network. */
    UNIX_SOCKET,
    /** An AF_NETLINK socket: kernel IPC (e.g. the audit daemon talking to the kernel). */
    NETLINK_SOCKET,
    /** Another non-IP address family (packet, bluetooth, vsock...). */
    NON_IP_SOCKET,
    /** accept or bind that failed: no connection or socket came of it. */
    FAILED_SYSCALL,
    /** destination.ip is one of the datafeed's excluded addresses (loopback, resolver stub, ::). */
    EXCLUDED_DESTINATION,
    /** user.name is excluded (jenkins by default). */
    EXCLUDED_USER,
    /** process.name is one of Elastic's own agents. */
    EXCLUDED_PROCESS,
    /** A sensor's own status line in its log (Sysmon for Linux's "Using EBPF object", "Running..."). */
    SENSOR_STATUS,
    /** A syslog line of a program that is not a known sensor, mixed into the log being read. */
    OTHER_PROGRAM,
    /**
     * auditd records of the syscall that carried a user-space audit message (its send on the audit netlink
     * socket), arriving after that message was emitted as an event of its own.
     */
    AUDIT_NETLINK_SEND;

    /** Value of the {@code reason} tag and of summaries. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
