package io.netrare.ingest.service;

import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;

/** The ingest service's config file: Kafka, metrics, the loop, and whether filtered records are logged. */
public record IngestServiceConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop) implements ServiceConfig {

    public static IngestServiceConfig defaults() {
        return new IngestServiceConfig(KafkaSettings.defaults(), MetricsSettings.defaults(), LoopSettings.defaults());
    }
}
