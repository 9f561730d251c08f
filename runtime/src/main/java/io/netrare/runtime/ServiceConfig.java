package io.netrare.runtime;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.metrics.MetricsSettings;

/**
 * What the runtime needs from every service's config record: a service's {@code …Config} record has
 * {@code KafkaSettings kafka} and {@code MetricsSettings metrics} components (YAML sections
 * {@code kafka:} and {@code metrics:}) and implements this interface by having them.
 */
public interface ServiceConfig {

    KafkaSettings kafka();

    MetricsSettings metrics();
}
