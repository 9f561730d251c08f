package io.netrare.simulator;

import io.netrare.schema.NetworkEvent;

import java.time.Instant;
import java.util.List;

/**
 * The normalized form of a simulated event: what a parser of the written ECS line keeps. Defend lines carry
 * both endpoints and the transport; Auditbeat lines carry only the socket address of the syscall (destination
 * for {@code connected-to}, source for {@code accepted-connection-from}) and no transport.
 */
final class NetworkEvents {

    private static final List<String> NETWORK = List.of("network");
    private static final List<String> START = List.of("start");
    private static final List<String> END = List.of("end");
    private static final List<String> CONNECTION_START = List.of("connection", "start");

    private NetworkEvents() {
    }

    static NetworkEvent of(Connection c) {
        SimHost host = c.host();
        NetworkEvent.Host h = new NetworkEvent.Host(host.name(), host.id(),
                new NetworkEvent.Os("linux", host.os().family(), host.os().name()));
        NetworkEvent.User user = new NetworkEvent.User(c.user(), Users.id(c.user()));
        Instant at = Instant.ofEpochMilli(c.time());
        if (host.agent() == SimHost.Agent.DEFEND) {
            NetworkEvent.Process process = new NetworkEvent.Process(c.name(), c.executable(), c.pid(), DefendDocument.entityId(c));
            NetworkEvent.Event event = new NetworkEvent.Event(DefendDocument.action(c), NETWORK,
                    c.disconnect() ? END : START, "endpoint", "endpoint.events.network");
            return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, h, process, user, local(c, true), local(c, false),
                    new NetworkEvent.Network(c.transport(), c.inbound() ? "ingress" : "egress"), event, 1, null);
        }
        NetworkEvent.Process process = new NetworkEvent.Process(c.observedName(), c.executable(), c.pid(), null);
        NetworkEvent.Event event = new NetworkEvent.Event(AuditbeatDocument.action(c), NETWORK, CONNECTION_START,
                "auditd", null);
        NetworkEvent.Endpoint remote = new NetworkEvent.Endpoint(c.remoteIp(), c.remotePort());
        return new NetworkEvent(NetworkEvent.SCHEMA_VERSION, at, h, process, user,
                c.inbound() ? remote : null, c.inbound() ? null : remote,
                new NetworkEvent.Network(null, c.inbound() ? "ingress" : "egress"), event, 1, null);
    }

    /** Defend: source is the initiator, destination the listener. */
    private static NetworkEvent.Endpoint local(Connection c, boolean source) {
        NetworkEvent.Endpoint here = new NetworkEvent.Endpoint(c.host().ip(), c.localPort());
        NetworkEvent.Endpoint there = new NetworkEvent.Endpoint(c.remoteIp(), c.remotePort());
        return source == c.inbound() ? there : here;
    }
}
