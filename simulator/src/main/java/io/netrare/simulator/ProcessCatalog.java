package io.netrare.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The background process mix of each role. Host-only attacks rely on what is absent here: no curl on db
 * hosts, no outbound ssh and no python3 on web hosts, while those processes are common on other roles.
 */
final class ProcessCatalog {

    private ProcessCatalog() {
    }

    static List<ProcessProfile> mix(SimHost host) {
        return mix(host, null);
    }

    /** The host's mix; on a fleet of unique hosts its own services take the place of its role's. */
    static List<ProcessProfile> mix(SimHost host, FleetSpec spec) {
        List<ProcessProfile> mix = new ArrayList<>(common(host));
        if (spec != null && spec.scenario().uniqueHosts()) {
            mix.addAll(UniqueServices.of(host, spec.seed()));
            mix.addAll(agents(host));
            return List.copyOf(mix);
        }
        mix.addAll(switch (host.role()) {
            case WEB -> web(host);
            case APP -> app();
            case DB -> db();
            case CACHE -> cache();
            case CI -> ci();
            case BASTION -> bastion();
        });
        mix.addAll(agents(host)); // last, so the agent choice does not shift the random draws of the rest
        return List.copyOf(mix);
    }

    private static List<ProcessProfile> common(SimHost host) {
        List<ProcessProfile> list = new ArrayList<>();
        list.add(ProcessProfile.in("sshd", "/usr/sbin/sshd", "root", Peer.range("10.0.9.", 11, 14, 0), 22, 0.5));
        list.add(ProcessProfile.out("systemd-resolved", "/usr/lib/systemd/systemd-resolved", "systemd-resolve",
                Peer.of("10.0.0.2", 53), 1.6).udp().steadyDaemon());
        list.add(ProcessProfile.out("systemd-resolved", "/usr/lib/systemd/systemd-resolved", "systemd-resolve",
                Peer.of("127.0.0.53", 53), 0.4).udp().steadyDaemon().bait(FilterBait.LOOPBACK_DESTINATION));
        String chronyUser = host.os().debian() ? "_chrony" : "chrony";
        list.add(ProcessProfile.out("chronyd", "/usr/sbin/chronyd", chronyUser, Peer.range("10.0.0.", 3, 4, 123), 0.35)
                .udp().steadyDaemon());
        return list;
    }

    private static List<ProcessProfile> agents(SimHost host) {
        List<ProcessProfile> list = new ArrayList<>();
        Peer elastic = Peer.of("10.0.8.10", 9200);
        if (host.agent() == SimHost.Agent.DEFEND) {
            list.add(ProcessProfile.out("elastic-agent", "/opt/Elastic/Agent/elastic-agent", "root",
                    Peer.of("10.0.8.10", 8220), 0.8).steadyDaemon().bait(FilterBait.ELASTIC_AGENT));
        } else {
            list.add(ProcessProfile.out("filebeat", "/usr/share/filebeat/bin/filebeat", "root", elastic, 0.6)
                    .steadyDaemon().bait(FilterBait.ELASTIC_AGENT));
            list.add(ProcessProfile.out("metricbeat", "/usr/share/metricbeat/bin/metricbeat", "root", elastic, 0.5)
                    .steadyDaemon().bait(FilterBait.ELASTIC_AGENT));
        }
        return list;
    }

    private static List<ProcessProfile> web(SimHost host) {
        String user = host.webUser();
        return List.of(
                ProcessProfile.in("nginx", "/usr/sbin/nginx", user, Peer.range("198.51.100.", 1, 254, 0), 443, 7.0),
                ProcessProfile.in("nginx", "/usr/sbin/nginx", user, Peer.range("192.0.2.", 1, 254, 0), 80, 1.0),
                ProcessProfile.out("nginx", "/usr/sbin/nginx", user, Peer.range("10.0.2.", 11, 18, 8080), 2.5).asDaemon(),
                ProcessProfile.out("node", "/usr/bin/node", user, Peer.range("10.0.4.", 11, 13, 6379), 0.8).asDaemon());
    }

    private static List<ProcessProfile> app() {
        return List.of(
                ProcessProfile.in("java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "app",
                        Peer.range("10.0.1.", 11, 19, 0), 8080, 4.5),
                ProcessProfile.out("java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "app",
                        Peer.range("10.0.3.", 11, 15, 5432), 2.0).asDaemon(),
                ProcessProfile.out("java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "app",
                        Peer.range("10.0.4.", 11, 13, 6379), 1.5).asDaemon(),
                ProcessProfile.out("node", "/usr/bin/node", "app", Peer.of("203.0.113.20", 443), 0.8).asDaemon(),
                ProcessProfile.out("curl", "/usr/bin/curl", "root", Peer.range("10.0.5.", 11, 13, 9000), 0.3),
                ProcessProfile.out("python3", "/usr/bin/python3.11", "app", Peer.of("203.0.113.25", 443), 0.3));
    }

    private static List<ProcessProfile> db() {
        return List.of(
                ProcessProfile.in("postgres", "/usr/lib/postgresql/16/bin/postgres", "postgres",
                        Peer.range("10.0.2.", 11, 18, 0), 5432, 4.5),
                ProcessProfile.out("postgres", "/usr/lib/postgresql/16/bin/postgres", "postgres",
                        Peer.range("10.0.3.", 11, 15, 5432), 0.3).steadyDaemon());
    }

    private static List<ProcessProfile> cache() {
        return List.of(ProcessProfile.in("redis-server", "/usr/bin/redis-server", "redis",
                Peer.range("10.0.2.", 11, 18, 0), 6379, 2.5));
    }

    private static List<ProcessProfile> ci() {
        return List.of(
                ProcessProfile.out("java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "jenkins",
                        Peer.of("203.0.113.40", 443), 1.0).asDaemon().bait(FilterBait.EXCLUDED_USER),
                ProcessProfile.out("git", "/usr/bin/git", "jenkins", Peer.of("203.0.113.41", 22), 0.8)
                        .bait(FilterBait.EXCLUDED_USER),
                ProcessProfile.out("python3", "/usr/bin/python3.11", "jenkins", Peer.of("203.0.113.43", 443), 0.4)
                        .bait(FilterBait.EXCLUDED_USER),
                ProcessProfile.out("docker", "/usr/bin/docker", "root", Peer.of("203.0.113.30", 443), 0.4),
                ProcessProfile.out("curl", "/usr/bin/curl", "root", Peer.of("203.0.113.42", 443), 0.3),
                ProcessProfile.out("wget", "/usr/bin/wget", "root", Peer.of("203.0.113.42", 443), 0.2));
    }

    private static List<ProcessProfile> bastion() {
        return List.of(
                ProcessProfile.in("sshd", "/usr/sbin/sshd", "root", Peer.range("198.51.100.", 1, 254, 0), 22, 1.0),
                ProcessProfile.out("ssh", "/usr/bin/ssh", "ops", Peer.range("10.0.2.", 11, 18, 22), 1.0));
    }
}
