package io.netrare.ingest.service;

import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;

/**
 * The ingest service's config file: Kafka, metrics, the raw-topic loop, the job (whose by and partition
 * fields key the events topic; it must match the training and scoring services') and the sources.
 */
public record IngestServiceConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop, JobSettings job,
                                  IngestSettings ingest) implements ServiceConfig {

    public IngestServiceConfig {
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        metrics = metrics == null ? MetricsSettings.defaults() : metrics;
        loop = loop == null ? LoopSettings.defaults() : loop;
        job = job == null ? JobSettings.defaults() : job;
        ingest = ingest == null ? IngestSettings.defaults() : ingest;
    }

    public static IngestServiceConfig defaults() {
        return new IngestServiceConfig(null, null, null, null, null);
    }
}
