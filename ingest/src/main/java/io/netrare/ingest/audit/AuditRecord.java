package io.netrare.ingest.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One raw auditd line: its header {@code msg=audit(seconds.millis:serial)}, record type, the key=value fields
 * ingest uses (only for SYSCALL, SOCKADDR and PROCTITLE; others keep just their type), where it was read,
 * and its bytes (for dead letters).
 *
 * @param node the {@code node=} host name auditd prefixes when name_format is set, or null
 */
public record AuditRecord(String type, Instant timestamp, long sequence, String node, Map<String, String> fields,
                          long offset, byte[] raw) {
}
