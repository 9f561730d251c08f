package io.netrare.model;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.schema.spi.AnomalyModel;

import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** The model's meters, read from the live model each scrape (the supplier follows model swaps on restore). */
public final class ModelMetrics {

    public ModelMetrics(MeterRegistry registry, String jobId, Supplier<? extends AnomalyModel> model) {
        requireNonNull(registry, "registry is null");
        requireNonNull(model, "model is null");
        Gauge.builder("netrare_model_entities", () -> model.get().entityCount())
                .description("Entities (partition value, by value) the model holds")
                .tag("job", jobId).register(registry);
        FunctionCounter.builder("netrare_model_evictions_total", model, m -> m.get().evictions())
                .description("Entities evicted to stay under the entity cap")
                .tag("job", jobId).register(registry);
        Gauge.builder("netrare_model_memory_status", () -> model.get().memoryStatus().ordinal())
                .description("Memory status: 0 ok, 1 soft_limit, 2 hard_limit")
                .tag("job", jobId).register(registry);
    }
}
