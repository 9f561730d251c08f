package io.netrare.scoring.service;

import io.netrare.runtime.ServiceConfig;
import io.netrare.scoring.stream.ScoringSettings;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;

import static java.util.Objects.requireNonNull;

/** The scoring service's config. Its {@code job:} section must equal the training service's. */
public record ScoringConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop, JobSettings job,
                            ScoringSettings scoring) implements ServiceConfig {

    public ScoringConfig {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(loop, "loop is null");
        requireNonNull(job, "job is null");
        requireNonNull(scoring, "scoring is null");
    }

    public static ScoringConfig defaults() {
        return new ScoringConfig(KafkaSettings.defaults(), MetricsSettings.defaults(), LoopSettings.defaults(),
                JobSettings.defaults(), ScoringSettings.defaults());
    }
}
