package io.netrare.ingest.parse;

import io.netrare.ingest.FilterReason;

/** Socket families as Auditbeat names them ({@code auditd.data.socket.family}), to filter non-IP sockets. */
final class AuditFamilies {

    private AuditFamilies() {
    }

    /** The filter reason for a non-IP family, or null for IPv4/IPv6 or an absent family. */
    static FilterReason reasonFor(String family) {
        if (family == null || family.equals("ipv4") || family.equals("ipv6")) {
            return null;
        }
        return switch (family) {
            case "unix", "local" -> FilterReason.UNIX_SOCKET;
            case "netlink" -> FilterReason.NETLINK_SOCKET;
            default -> FilterReason.NON_IP_SOCKET;
        };
    }
}
