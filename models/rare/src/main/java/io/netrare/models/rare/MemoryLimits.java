package io.netrare.models.rare;

import io.netrare.schema.spi.AnomalyModel.MemoryStatus;

/**
 * Elastic's memory status of a model with an entity cap: {@code hard_limit} from reaching the cap until the
 * count falls back below the soft limit (so the status does not flap at the cap), {@code soft_limit} above
 * the soft limit, {@code ok} below.
 */
public final class MemoryLimits {

    private MemoryLimits() {
    }

    public static MemoryStatus next(MemoryStatus current, boolean atCap, long count, double softLimit) {
        if (atCap || (current == MemoryStatus.hard_limit && count >= softLimit)) {
            return MemoryStatus.hard_limit;
        }
        return count >= softLimit ? MemoryStatus.soft_limit : MemoryStatus.ok;
    }
}
