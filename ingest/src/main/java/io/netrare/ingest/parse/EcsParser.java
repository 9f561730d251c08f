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
 *
 * <p>Not thread-safe: it reads every document with one reusable {@link EcsDocument}. The pipelines of one thread
 * may share one parser.
 */
public final class EcsParser {

    public static final String FORMAT = "ecs";

    static final Set<String> DEFEND_STARTS = Set.of("connection_attempted", "connection_accepted");
    static final Set<String> AUDIT_STARTS = Set.of("connected-to", "accepted-connection-from", "bound-socket");
    static final Set<String> SOCKET_STARTS = Set.of("socket_opened");

    /** Read again for every document: the parser is used by one thread (one pipeline). */
    private final EcsDocument doc = new EcsDocument();

    /** One document; the outcome carries an unfiltered event when it is a network start. */
    public Outcome parse(byte[] bytes, int off, int len, ParseContext ctx) {
        try {
            try {
                doc.read(bytes, off, len);
            } catch (IOException | RuntimeException e) {
                return reject(RejectReason.MALFORMED_JSON, e.getMessage(), bytes, off, len, ctx);
            }
            try {
                return map(doc, bytes, off, len, ctx);
            } catch (IllegalArgumentException e) {
                return reject(RejectReason.INVALID_FIELD, e.getMessage(), bytes, off, len, ctx);
            }
        } finally {
            doc.release();
        }
    }

    private Outcome map(EcsDocument d, byte[] bytes, int off, int len, ParseContext ctx) {
        String module = d.get(EcsField.EVENT_MODULE);
        String dataset = d.get(EcsField.EVENT_DATASET);
        if (dataset == null) {
            dataset = d.get(EcsField.DATA_STREAM_DATASET);
        }
        String action = d.get(EcsField.EVENT_ACTION);
        boolean auditd = "auditd".equals(module) || "auditd".equals(d.get(EcsField.SERVICE_TYPE)) || d.hasAuditd();
        boolean systemSocket = "system".equals(module) && ("socket".equals(dataset) || "system.socket".equals(dataset));
        boolean defend = "endpoint".equals(module) || (dataset != null && dataset.startsWith("endpoint."));

        List<String> category = d.list(EcsField.EVENT_CATEGORY);
        List<String> type = d.list(EcsField.EVENT_TYPE);
        boolean start;
        if (auditd) {
            String family = d.get(EcsField.AUDITD_SOCKET_FAMILY);
            FilterReason socketReason = AuditFamilies.reasonFor(family);
            if (socketReason != null) {
                return new Outcome.Filtered(socketReason, "auditd.data.socket.family=" + family);
            }
            start = action != null && AUDIT_STARTS.contains(action); // Set.of(...).contains(null) throws
        } else if (defend) {
            start = action != null && DEFEND_STARTS.contains(action);
        } else if (systemSocket) {
            start = (action != null && SOCKET_STARTS.contains(action))
                    || (category.contains("network") && type.contains("start"));
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

        Instant timestamp = d.isoInstant(EcsField.TIMESTAMP); // the common shape, read without a string
        if (timestamp == null) {
            String ts = d.get(EcsField.TIMESTAMP);
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
        }

        String osType = d.get(EcsField.HOST_OS_TYPE);
        String osFamily = d.get(EcsField.HOST_OS_FAMILY);
        if (osType == null && osFamily == null && (auditd || systemSocket)) {
            osType = "linux"; // these modules exist only on Linux
        }
        if (osType == null && "linux".equals(d.get(EcsField.HOST_OS_PLATFORM))) {
            osType = "linux";
        }
        String hostName = d.get(EcsField.HOST_NAME);
        if (hostName == null) {
            hostName = d.get(EcsField.HOST_HOSTNAME);
        }

        String executable = d.get(EcsField.PROCESS_EXECUTABLE);
        String processName = d.get(EcsField.PROCESS_NAME);
        if (processName == null) {
            processName = Fields.basename(executable);
        }
        String userName = d.get(EcsField.USER_NAME);
        if (userName == null) {
            userName = d.get(EcsField.USER_NAME_MAP_UID);
        }
        String userId = d.get(EcsField.USER_ID);
        if (userId == null) {
            userId = d.get(EcsField.USER_UID);
        }

        String sourceIp = d.ip(EcsField.SOURCE_IP);
        Integer sourcePort = d.port(EcsField.SOURCE_PORT);
        String destIp = d.ip(EcsField.DESTINATION_IP);
        Integer destPort = d.port(EcsField.DESTINATION_PORT);
        String direction = Fields.direction(d.get(EcsField.NETWORK_DIRECTION));
        if (auditd) {
            String socketIp = d.ip(EcsField.AUDITD_SOCKET_ADDR);
            Integer socketPort = d.port(EcsField.AUDITD_SOCKET_PORT);
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
                new NetworkEvent.Host(hostName, d.get(EcsField.HOST_ID), new NetworkEvent.Os(osType, osFamily, d.get(EcsField.HOST_OS_NAME))),
                new NetworkEvent.Process(processName, executable, d.longValue(EcsField.PROCESS_PID),
                        d.get(EcsField.PROCESS_ENTITY_ID)),
                new NetworkEvent.User(userName, userId),
                new NetworkEvent.Endpoint(sourceIp, sourcePort),
                new NetworkEvent.Endpoint(destIp, destPort),
                new NetworkEvent.Network(d.get(EcsField.NETWORK_TRANSPORT), direction),
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
