package io.netrare.model;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.schema.spi.AnomalyModel;

import java.util.Collection;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The model's meters, read from the live models each scrape (the supplier follows swaps on restore and
 * rebalance). A training instance holds several shares: entities and evictions are summed over them, the
 * memory status is the worst.
 */
public final class ModelMetrics {

    public ModelMetrics(MeterRegistry registry, String jobId, Supplier<? extends Collection<? extends AnomalyModel>> models) {
        requireNonNull(registry, "registry is null");
        requireNonNull(models, "models is null");
        Gauge.builder("netrare_model_entities", () -> models.get().stream().mapToLong(AnomalyModel::entityCount).sum())
                .description("Entities (partition value, by value) the model holds")
                .tag("job", jobId).register(registry);
        FunctionCounter.builder("netrare_model_evictions_total", models,
                        m -> m.get().stream().mapToLong(AnomalyModel::evictions).sum())
                .description("Entities evicted to stay under the entity cap")
                .tag("job", jobId).register(registry);
        Gauge.builder("netrare_model_memory_status",
                        () -> models.get().stream().mapToInt(m -> m.memoryStatus().ordinal()).max().orElse(0))
                .description("Memory status: 0 ok, 1 soft_limit, 2 hard_limit")
                .tag("job", jobId).register(registry);
    }
}
