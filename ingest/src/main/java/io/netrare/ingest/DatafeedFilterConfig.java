package io.netrare.ingest;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The anchor datafeed's query as configuration. Defaults are the current Kibana datafeed of
 * {@code v3_linux_anomalous_network_activity}.
 *
 * @param categories      event.category must contain one of these
 * @param types           event.type must contain one of these
 * @param linuxOsTypes    host.os.type values that count as Linux
 * @param linuxOsFamilies host.os.family values that count as Linux
 * @param acceptUnknownOs keep events whose host.os.type and family are both absent. The anchor drops them
 *                        (its {@code must} clause needs one), so the default is false; parsers set
 *                        host.os.type=linux for sources that are Linux by construction (raw auditd,
 *                        Auditbeat auditd and system/socket, Sysmon for Linux)
 * @param excludedDestinationIps destination.ip values dropped (compared in canonical form)
 * @param excludedUserNames user.name values dropped
 * @param excludedProcessNames process.name values dropped
 */
public record DatafeedFilterConfig(Set<String> categories, Set<String> types, Set<String> linuxOsTypes,
                                   Set<String> linuxOsFamilies, boolean acceptUnknownOs,
                                   Set<String> excludedDestinationIps, Set<String> excludedUserNames,
                                   Set<String> excludedProcessNames) {

    public DatafeedFilterConfig {
        categories = Set.copyOf(requireNonNull(categories, "categories is null"));
        types = Set.copyOf(requireNonNull(types, "types is null"));
        linuxOsTypes = Set.copyOf(requireNonNull(linuxOsTypes, "linuxOsTypes is null"));
        linuxOsFamilies = Set.copyOf(requireNonNull(linuxOsFamilies, "linuxOsFamilies is null"));
        excludedDestinationIps = canonicalIps(requireNonNull(excludedDestinationIps, "excludedDestinationIps is null"));
        excludedUserNames = Set.copyOf(requireNonNull(excludedUserNames, "excludedUserNames is null"));
        excludedProcessNames = Set.copyOf(requireNonNull(excludedProcessNames, "excludedProcessNames is null"));
    }

    public static DatafeedFilterConfig defaults() {
        return new DatafeedFilterConfig(Set.of("network"), Set.of("start"), Set.of("linux"),
                Set.of("debian", "redhat", "suse", "ubuntu"), false,
                Set.of("127.0.0.1", "127.0.0.53", "::", "::1"), Set.of("jenkins"),
                Set.copyOf(List.of("elastic-agent.exe", "elastic-agent", "metricbeat.exe", "metricbeat",
                        "filebeat.exe", "filebeat", "packetbeat.exe", "packetbeat", "winlogbeat.exe", "winlogbeat")));
    }

    public DatafeedFilterConfig withAcceptUnknownOs(boolean accept) {
        return new DatafeedFilterConfig(categories, types, linuxOsTypes, linuxOsFamilies, accept,
                excludedDestinationIps, excludedUserNames, excludedProcessNames);
    }

    private static Set<String> canonicalIps(Set<String> ips) {
        return ips.stream().map(ip -> {
            String canonical = IpAddresses.canonical(ip);
            if (canonical == null) {
                throw new IllegalArgumentException("excluded destination '" + ip + "' is not an IP address");
            }
            return canonical;
        }).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
