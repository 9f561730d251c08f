package io.netrare.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** Running totals of outcomes, for the CLI summary and tests. read = emitted + filtered + rejected by construction. */
public final class IngestCounts implements Consumer<Outcome> {

    private long emitted;
    private final EnumMap<FilterReason, Long> filtered = new EnumMap<>(FilterReason.class);
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    @Override
    public void accept(Outcome outcome) {
        if (outcome instanceof Outcome.Emitted) {
            emitted++;
        } else if (outcome instanceof Outcome.Filtered f) {
            filtered.merge(f.reason(), 1L, Long::sum);
        } else if (outcome instanceof Outcome.Rejected r) {
            rejected.merge(r.reason(), 1L, Long::sum);
        }
    }

    public long read() {
        return emitted + filtered() + rejected();
    }

    public long emitted() {
        return emitted;
    }

    public long filtered() {
        return filtered.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long filtered(FilterReason reason) {
        return filtered.getOrDefault(reason, 0L);
    }

    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public Map<FilterReason, Long> filteredByReason() {
        return Map.copyOf(filtered);
    }

    public Map<RejectReason, Long> rejectedByReason() {
        return Map.copyOf(rejected);
    }

    /** A few lines a person can read. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("read ").append(read()).append(", emitted ").append(emitted).append(", filtered ")
                .append(filtered()).append(", rejected ").append(rejected()).append('\n');
        filtered.forEach((r, n) -> sb.append("  filtered ").append(r.tag()).append(' ').append(n).append('\n'));
        rejected.forEach((r, n) -> sb.append("  rejected ").append(r.tag()).append(' ').append(n).append('\n'));
        return sb.toString();
    }
}
