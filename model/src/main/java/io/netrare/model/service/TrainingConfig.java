package io.netrare.model.service;

import io.netrare.model.training.TrainingSettings;
import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;

import static java.util.Objects.requireNonNull;

/** The training service's config: Kafka, metrics, the loop, the job and its model, and training settings. */
public record TrainingConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop, JobSettings job,
                             TrainingSettings training) implements ServiceConfig {

    public TrainingConfig {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(loop, "loop is null");
        requireNonNull(job, "job is null");
        requireNonNull(training, "training is null");
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(KafkaSettings.defaults(), MetricsSettings.defaults(), LoopSettings.defaults(),
                JobSettings.defaults(), TrainingSettings.defaults());
    }
}
