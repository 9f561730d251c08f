package io.netrare.alerting;

import io.netrare.alerting.rules.NetrareExtensions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A rule's alert rate limit: fixed windows of wall-clock time, each starting with the first alert after the
 * previous one ended, let {@code max_alerts} alerts through. Alerts over the limit are held back and counted;
 * the next alert let through carries the count (and a few of the held-back processes) in its reason line,
 * so a flood becomes a few alerts that say how big it was. Not thread-safe: one per engine.
 */
public final class RateLimiter {

    static final int EXAMPLES = 3;

    private final NetrareExtensions.RateLimit limit;
    private Instant windowStart;
    private int used;
    private long held;
    private final List<String> examples = new ArrayList<>();

    public RateLimiter(NetrareExtensions.RateLimit limit) {
        this.limit = requireNonNull(limit, "limit is null");
    }

    /**
     * @param labels what to name the alert by in a later summary (its process names)
     * @return whether the alert may go out, and if so, what was held back before it
     */
    public Admission admit(Instant now, List<String> labels) {
        if (windowStart == null || !now.isBefore(windowStart.plus(limit.window()))) {
            windowStart = now;
            used = 0;
        }
        if (used < limit.maxAlerts()) {
            used++;
            Admission admitted = new Admission(true, held, List.copyOf(examples));
            held = 0;
            examples.clear();
            return admitted;
        }
        held++;
        for (String label : labels) {
            if (examples.size() < EXAMPLES && !examples.contains(label)) {
                examples.add(label);
            }
        }
        return new Admission(false, held, List.of());
    }

    /**
     * @param heldBefore for an admitted alert, how many were held back since the last one let through; for a
     *                   held alert, how many are held now
     * @param examples   up to three labels of the held-back alerts
     */
    public record Admission(boolean allowed, long heldBefore, List<String> examples) {
    }
}
