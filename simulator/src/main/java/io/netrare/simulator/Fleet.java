package io.netrare.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the hosts of a fleet from a spec: role counts, names, addresses, OS and agent per host. */
final class Fleet {

    private static final SimHost.OsRelease[] RELEASES = {
            new SimHost.OsRelease("debian", "Ubuntu", "22.04.5 LTS (Jammy Jellyfish)", "ubuntu", "5.15.0-126-generic"),
            new SimHost.OsRelease("debian", "Ubuntu", "24.04.1 LTS (Noble Numbat)", "ubuntu", "6.8.0-49-generic"),
            new SimHost.OsRelease("debian", "Debian GNU/Linux", "12 (bookworm)", "debian", "6.1.0-27-amd64"),
            new SimHost.OsRelease("redhat", "Rocky Linux", "9.4 (Blue Onyx)", "rocky", "5.14.0-427.42.1.el9_4.x86_64"),
    };

    private Fleet() {
    }

    static List<SimHost> build(FleetSpec spec) {
        Map<Role, Integer> counts = roleCounts(spec.hosts());
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "fleet", 0));
        List<SimHost> hosts = new ArrayList<>(spec.hosts());
        for (Role role : Role.values()) {
            for (int n = 1; n <= counts.get(role); n++) {
                int index = hosts.size();
                String name = String.format(Locale.ROOT, "%s-%02d", role.label(), n);
                String id = hex(random.nextLong()) + hex(random.nextLong());
                String agentId = uuid(random);
                double osDraw = random.nextDouble();
                SimHost.OsRelease os = osDraw < 0.35 ? RELEASES[0] : osDraw < 0.6 ? RELEASES[1]
                        : osDraw < 0.75 ? RELEASES[2] : RELEASES[3];
                // First two hosts fix the agents so a mixed fleet always holds both shapes.
                SimHost.Agent agent = index == 0 ? SimHost.Agent.DEFEND : index == 1 ? SimHost.Agent.AUDITBEAT
                        : random.nextBoolean() ? SimHost.Agent.DEFEND : SimHost.Agent.AUDITBEAT;
                String ip = "10.0." + role.subnet() + "." + (10 + n);
                SimHost host = new SimHost(index, name, id, role, ip, os, agent, agentId, random.nextLong());
                hosts.add(switch (spec.shape()) {
                    case DEFEND -> host.withAgent(SimHost.Agent.DEFEND);
                    case AUDITBEAT -> host.withAgent(SimHost.Agent.AUDITBEAT);
                    case MIXED -> host;
                });
            }
        }
        addJoiners(spec, counts, hosts);
        return Collections.unmodifiableList(hosts);
    }

    /** Roles of the hosts that join mid-run, in turn: the roles with the most hosts first. */
    private static final Role[] JOINER_ROLES = {Role.WEB, Role.APP, Role.DB, Role.CACHE, Role.CI};

    /** Hosts that join mid-run, after the others in the list, numbered on from their role's last host. */
    private static void addJoiners(FleetSpec spec, Map<Role, Integer> counts, List<SimHost> hosts) {
        SplittableRandom random = new SplittableRandom(Mix.seed(spec.seed(), "fleet-joiners", 0));
        Map<Role, Integer> next = new EnumMap<>(counts);
        for (int j = 0; j < spec.scenario().joiningHosts(); j++) {
            Role role = JOINER_ROLES[j % JOINER_ROLES.length];
            int n = next.merge(role, 1, Integer::sum);
            String name = String.format(Locale.ROOT, "%s-%02d", role.label(), n);
            String id = hex(random.nextLong()) + hex(random.nextLong());
            SimHost.OsRelease os = RELEASES[random.nextInt(RELEASES.length)];
            SimHost.Agent agent = random.nextBoolean() ? SimHost.Agent.DEFEND : SimHost.Agent.AUDITBEAT;
            SimHost host = new SimHost(hosts.size(), name, id, role, "10.0." + role.subnet() + "." + (10 + n), os, agent,
                    uuid(random), random.nextLong());
            hosts.add(switch (spec.shape()) {
                case DEFEND -> host.withAgent(SimHost.Agent.DEFEND);
                case AUDITBEAT -> host.withAgent(SimHost.Agent.AUDITBEAT);
                case MIXED -> host;
            });
        }
    }

    /** Largest-remainder split by role share, with at least one host per role when there are enough hosts. */
    static Map<Role, Integer> roleCounts(int hosts) {
        Role[] roles = Role.values();
        Map<Role, Integer> counts = new EnumMap<>(Role.class);
        int assigned = 0;
        double[] remainder = new double[roles.length];
        for (int i = 0; i < roles.length; i++) {
            int min = hosts >= roles.length ? 1 : 0;
            int n = Math.max(min, (int) Math.floor(roles[i].share() * hosts));
            counts.put(roles[i], n);
            remainder[i] = roles[i].share() * hosts - n;
            assigned += n;
        }
        while (assigned < hosts) {
            int best = 0;
            for (int i = 1; i < roles.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            counts.merge(roles[best], 1, Integer::sum);
            remainder[best] -= 1;
            assigned++;
        }
        while (assigned > hosts) { // only when min-one-per-role overshoots: take from the largest role
            Role largest = roles[0];
            for (Role r : roles) {
                if (counts.get(r) > counts.get(largest)) {
                    largest = r;
                }
            }
            counts.merge(largest, -1, Integer::sum);
            assigned--;
        }
        return counts;
    }

    private static String hex(long value) {
        return String.format(Locale.ROOT, "%016x", value);
    }

    private static String uuid(SplittableRandom random) {
        String h = hex(random.nextLong()) + hex(random.nextLong());
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20, 32);
    }
}
