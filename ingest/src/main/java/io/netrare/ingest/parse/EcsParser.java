package io.netrare.ingest.parse;

import io.netrare.ingest.FilterReason;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.RejectReason;
import io.netrare.schema.NetworkEvent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ECS JSON documents: Elastic Defend network events, Auditbeat / Auditd Manager auditd events (ECS
 * {@code user.*} form and the older {@code auditd.*} form), Auditbeat system/socket, and any other ECS
 * document with {@code event.category: network} and {@code event.type: start}.
 */
public final class EcsParser {

    public static final String FORMAT = "ecs";

    static final Set<String> DEFEND_STARTS = Set.of("connection_attempted", "connection_accepted");
    static final Set<String> AUDIT_STARTS = Set.of("connected-to", "accepted-connection-from", "bound-socket");
    static final Set<String> SOCKET_STARTS = Set.of("socket_opened");

    /** One document; the outcome carries an unfiltered event when it is a network start. */
    public Outcome parse(byte[] bytes, int off, int len, ParseContext ctx) {
        EcsDocument doc;
        try {
            doc = EcsDocument.read(bytes, off, len);
        } catch (IOException | RuntimeException e) {
            return reject(RejectReason.MALFORMED_JSON, e.getMessage(), bytes, off, len, ctx);
        }
        try {
            return map(doc, bytes, off, len, ctx);
        } catch (IllegalArgumentException e) {
            return reject(RejectReason.INVALID_FIELD, e.getMessage(), bytes, off, len, ctx);
        }
    }

    private Outcome map(EcsDocument d, byte[] bytes, int off, int len, ParseContext ctx) {
        String module = d.get("event.module");
        String dataset = d.get("event.dataset");
        if (dataset == null) {
            dataset = d.get("data_stream.dataset");
        }
        String action = d.get("event.action");
        boolean auditd = "auditd".equals(module) || "auditd".equals(d.get("service.type")) || d.hasAuditd();
        boolean systemSocket = "system".equals(module) && ("socket".equals(dataset) || "system.socket".equals(dataset));
        boolean defend = "endpoint".equals(module) || (dataset != null && dataset.startsWith("endpoint."));

        List<String> category = d.list("event.category");
        List<String> type = d.list("event.type");
        boolean start;
        if (auditd) {
            String family = d.get("auditd.data.socket.family");
            FilterReason socketReason = AuditFamilies.reasonFor(family);
            if (socketReason != null) {
                return new Outcome.Filtered(socketReason, "auditd.data.socket.family=" + family);
            }
            start = AUDIT_STARTS.contains(action);
        } else if (defend) {
            start = DEFEND_STARTS.contains(action);
        } else if (systemSocket) {
            start = SOCKET_STARTS.contains(action) || (category.contains("network") && type.contains("start"));
        } else {
            start = category.contains("network") && type.contains("start");
        }
        if (!start) {
            return new Outcome.Filtered(FilterReason.NOT_NETWORK_START, "event.action=" + action
                    + (auditd ? " (auditd)" : defend ? " (endpoint)" : systemSocket ? " (system/socket)" : ""));
        }
        if (!category.contains("network") || !type.contains("start")) {
            // Older Auditbeat wrote event.category: audit-rule; normalize to what the datafeed selects.
            category = union(category, "network");
            type = union(union(type, "connection"), "start");
        }

        String ts = d.get("@timestamp");
        Instant timestamp;
        if (ts == null) {
            if (ctx.fallbackTime() == null) {
                return reject(RejectReason.TIMESTAMP_MISSING, "no @timestamp", bytes, off, len, ctx);
            }
            timestamp = ctx.fallbackTime();
        } else {
            try {
                timestamp = Fields.instant(ts);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return reject(RejectReason.TIMESTAMP_INVALID, e.getMessage(), bytes, off, len, ctx);
            }
        }

        String osType = d.get("host.os.type");
        String osFamily = d.get("host.os.family");
        if (osType == null && osFamily == null && (auditd || systemSocket)) {
            osType = "linux"; // these modules exist only on Linux
        }
        if (osType == null && "linux".equals(d.get("host.os.platform"))) {
            osType = "linux";
        }
        String hostName = d.get("host.name");
        if (hostName == null) {
            hostName = d.get("host.hostname");
        }

        String executable = d.get("process.executable");
        String processName = d.get("process.name");
        if (processName == null) {
            processName = Fields.basename(executable);
        }
        String userName = d.get("user.name");
        if (userName == null) {
            userName = d.get("user.name_map.uid");
        }
        String userId = d.get("user.id");
        if (userId == null) {
            userId = d.get("user.uid");
        }

        String sourceIp = Fields.ip("source.ip", d.get("source.ip"));
        Integer sourcePort = Fields.port(d.get("source.port"));
        String destIp = Fields.ip("destination.ip", d.get("destination.ip"));
        Integer destPort = Fields.port(d.get("destination.port"));
        String direction = Fields.direction(d.get("network.direction"));
        if (auditd) {
            String socketIp = Fields.ip("auditd.data.socket.addr", d.get("auditd.data.socket.addr"));
            Integer socketPort = Fields.port(d.get("auditd.data.socket.port"));
            if ("connected-to".equals(action)) {
                destIp = destIp == null ? socketIp : destIp;
                destPort = destPort == null ? socketPort : destPort;
                direction = direction == null ? "egress" : direction;
            } else if (socketIp != null || socketPort != null) {
                sourceIp = sourceIp == null ? socketIp : sourceIp;
                sourcePort = sourcePort == null ? socketPort : sourcePort;
                if ("accepted-connection-from".equals(action) && direction == null) {
                    direction = "ingress";
                }
            }
        }

        String format = auditd ? "ecs-auditd" : defend ? "ecs-endpoint" : systemSocket ? "ecs-system-socket" : FORMAT;
        NetworkEvent event = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, timestamp,
                new NetworkEvent.Host(hostName, d.get("host.id"), new NetworkEvent.Os(osType, osFamily, d.get("host.os.name"))),
                new NetworkEvent.Process(processName, executable, Fields.parseLong(d.get("process.pid")),
                        d.get("process.entity_id")),
                new NetworkEvent.User(userName, userId),
                new NetworkEvent.Endpoint(sourceIp, sourcePort),
                new NetworkEvent.Endpoint(destIp, destPort),
                new NetworkEvent.Network(d.get("network.transport"), direction),
                new NetworkEvent.Event(action, category, type, module, dataset),
                1, new NetworkEvent.Provenance(ctx.source(), format, ctx.offset()));
        return new Outcome.Emitted(event);
    }

    private static List<String> union(List<String> values, String value) {
        if (values.contains(value)) {
            return values;
        }
        List<String> out = new ArrayList<>(values.size() + 1);
        out.addAll(values);
        out.add(value);
        return out;
    }

    static Outcome reject(RejectReason reason, String detail, byte[] bytes, int off, int len, ParseContext ctx) {
        return new Outcome.Rejected(reason, detail, Arrays.copyOfRange(bytes, off, off + len), ctx.source(), ctx.offset());
    }
}
