package io.netrare.ingest.audit;

import java.time.Instant;
import java.util.List;

/**
 * The records of one audit event (one serial), as the reassembler completed it.
 *
 * @param lineCount  lines seen for the event, EOE included
 * @param overflow   more lines arrived than the limit; only the first ones are kept
 * @param firstOffset the smallest input offset of its lines: where a restart must resume to rebuild it
 */
public record AssembledEvent(long sequence, Instant timestamp, List<AuditRecord> records, int lineCount,
                             boolean overflow, long firstOffset, boolean sawEoe) {
}
