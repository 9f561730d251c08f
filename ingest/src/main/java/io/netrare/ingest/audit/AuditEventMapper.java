package io.netrare.ingest.audit;

import io.netrare.ingest.FilterReason;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.RejectReason;
import io.netrare.ingest.parse.Fields;
import io.netrare.schema.NetworkEvent;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns an assembled audit event into a NetworkEvent, or says why not.
 *
 * <p>Failed syscalls: a {@code connect} counts as an attempt whatever its exit code (EINPROGRESS is the
 * normal result of a non-blocking connect, and a refused or unreachable connect still shows the process
 * reaching for the network, which is what the rare model looks for; Defend's {@code connection_attempted}
 * has the same meaning). A failed {@code accept} or {@code bind} produced no connection or socket and is
 * filtered as {@link FilterReason#FAILED_SYSCALL}.
 */
public final class AuditEventMapper {

    public static final String FORMAT = "auditd";
    private static final String UNSET = "4294967295";

    private final int maxOriginalBytes;

    public AuditEventMapper(int maxOriginalBytes) {
        this.maxOriginalBytes = maxOriginalBytes;
    }

    public Outcome map(AssembledEvent e, String source) {
        if (e.overflow()) {
            return new Outcome.Rejected(RejectReason.TOO_MANY_LINES, "audit event " + e.sequence() + " has "
                    + e.lineCount() + " lines", original(e), source, e.firstOffset());
        }
        AuditRecord syscall = find(e.records(), "SYSCALL");
        if (syscall == null) {
            return new Outcome.Filtered(FilterReason.NOT_NETWORK_START, "no SYSCALL record ("
                    + e.records().stream().map(AuditRecord::type).distinct().collect(Collectors.joining(",")) + ")");
        }
        Map<String, String> f = syscall.fields();
        String arch = f.containsKey("ARCH") ? f.get("ARCH") : f.get("arch");
        String name = Syscalls.name(arch, f.containsKey("SYSCALL") ? f.get("SYSCALL") : f.get("syscall"), f.get("a0"));
        String action = Syscalls.action(name);
        if (action == null) {
            return new Outcome.Filtered(FilterReason.NOT_NETWORK_START, "syscall " + name);
        }
        SockAddr address = null;
        AuditRecord sockaddr = find(e.records(), "SOCKADDR");
        if (sockaddr != null && sockaddr.fields().get("saddr") != null) {
            try {
                address = SockAddr.decode(sockaddr.fields().get("saddr"), AuditArch.of(arch));
            } catch (IllegalArgumentException ex) {
                return new Outcome.Rejected(RejectReason.MALFORMED_AUDIT, ex.getMessage(), original(e), source,
                        e.firstOffset());
            }
            if (address.family() != SockAddr.AF_INET && address.family() != SockAddr.AF_INET6) {
                FilterReason reason = switch (address.family()) {
                    case SockAddr.AF_UNIX -> FilterReason.UNIX_SOCKET;
                    case SockAddr.AF_NETLINK -> FilterReason.NETLINK_SOCKET;
                    default -> FilterReason.NON_IP_SOCKET;
                };
                return new Outcome.Filtered(reason, name + " on " + address.familyName()
                        + (address.path() == null ? "" : " " + address.path()));
            }
        }
        Long exit = Fields.parseLong(f.get("exit"));
        boolean failed = "no".equals(f.get("success")) || (exit != null && exit < 0);
        if (failed && !"connected-to".equals(action)) {
            return new Outcome.Filtered(FilterReason.FAILED_SYSCALL, name + " exit=" + (exit == null ? "?" : Syscalls.errno(exit)));
        }

        String comm = AuditValues.text(f.get("comm"));
        String exe = AuditValues.text(f.get("exe"));
        if (comm == null) {
            AuditRecord title = find(e.records(), "PROCTITLE");
            List<String> args = title == null ? List.of() : AuditValues.proctitle(title.fields().get("proctitle"));
            comm = args.isEmpty() ? Fields.basename(exe) : Fields.basename(args.get(0));
        }
        String uid = f.get("uid");
        String userId = uid != null && !uid.equals(UNSET) ? uid : null;
        if (userId == null && f.get("auid") != null && !f.get("auid").equals(UNSET)) {
            userId = f.get("auid");
        }
        String userName = AuditValues.text(f.get("UID")); // ENRICHED log format resolves uid to a name

        NetworkEvent.Endpoint remote = address == null ? NetworkEvent.Endpoint.EMPTY
                : new NetworkEvent.Endpoint(address.ip(), address.port());
        NetworkEvent.Endpoint src = NetworkEvent.Endpoint.EMPTY;
        NetworkEvent.Endpoint dst = NetworkEvent.Endpoint.EMPTY;
        String direction = null;
        switch (action) {
            case "connected-to" -> {
                dst = remote;
                direction = "egress";
            }
            case "accepted-connection-from" -> {
                src = remote;
                direction = "ingress";
            }
            default -> src = remote; // bind names the local address
        }
        NetworkEvent event = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, e.timestamp(),
                new NetworkEvent.Host(syscall.node(), null, new NetworkEvent.Os("linux", null, null)),
                new NetworkEvent.Process(comm, exe, Fields.parseLong(f.get("pid")), null),
                new NetworkEvent.User(userName, userId),
                src, dst,
                new NetworkEvent.Network(null, direction),
                new NetworkEvent.Event(action, List.of("network"), List.of("connection", "start"), "auditd", "auditd.log"),
                1, new NetworkEvent.Provenance(source, FORMAT, e.firstOffset()));
        return new Outcome.Emitted(event);
    }

    private static AuditRecord find(List<AuditRecord> records, String type) {
        for (AuditRecord r : records) {
            if (r.type().equals(type)) {
                return r;
            }
        }
        return null;
    }

    private byte[] original(AssembledEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AuditRecord r : e.records()) {
            if (out.size() + r.raw().length + 1 > maxOriginalBytes) {
                break;
            }
            out.writeBytes(r.raw());
            out.write('\n');
        }
        return out.toByteArray();
    }
}
