package io.netrare.simulator;

import static java.util.Objects.requireNonNull;

/**
 * One simulated Linux host.
 *
 * @param index    position in the fleet (stable order of generation)
 * @param name     e.g. {@code web-03}
 * @param id       machine-id-like 32 hex digits
 * @param role     what the host does
 * @param ip       internal IPv4 address in the role's subnet
 * @param os       operating system
 * @param agent    which agent writes its telemetry
 * @param agentId  the agent's id
 * @param pidSeed  seed for the pids of its daemons
 */
public record SimHost(int index, String name, String id, Role role, String ip, OsRelease os, Agent agent,
                      String agentId, long pidSeed) {

    public SimHost {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(role, "role is null");
        requireNonNull(ip, "ip is null");
        requireNonNull(os, "os is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(agentId, "agentId is null");
    }

    /** The telemetry agent of a host. */
    public enum Agent { DEFEND, AUDITBEAT }

    /** An operating system release, with the values ECS {@code host.os.*} carries. */
    public record OsRelease(String family, String name, String version, String platform, String kernel) {
        boolean debian() {
            return "debian".equals(family);
        }
    }

    /** The user the web server and its children run as on this host's distribution. */
    String webUser() {
        return os.debian() ? "www-data" : "nginx";
    }

    /** Stable pid of a long-running process on this host. */
    long daemonPid(String processName, String user) {
        long h = Mix.mix(pidSeed ^ (processName.hashCode() * 0x9E3779B97F4A7C15L) ^ user.hashCode());
        return 300 + Math.floorMod(h, 40_000);
    }

    SimHost withAgent(Agent value) {
        return new SimHost(index, name, id, role, ip, os, value, agentId, pidSeed);
    }
}
