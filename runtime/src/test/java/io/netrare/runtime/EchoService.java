package io.netrare.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.runtime.metrics.MetricsSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Clock;

import static java.nio.charset.StandardCharsets.UTF_8;

/** A minimal service as a netrare service module would write it: config record, module, processor. */
final class EchoService {

    private EchoService() {
    }

    record EchoConfig(KafkaSettings kafka, MetricsSettings metrics, LoopSettings loop, String inputTopic,
                      String outputTopic) implements ServiceConfig {
    }

    static final class EchoProcessor implements RecordProcessor {
        private final EchoConfig config;

        @jakarta.inject.Inject
        EchoProcessor(EchoConfig config) {
            this.config = config;
        }

        @Override
        public void process(ConsumerRecord<byte[], byte[]> r, Output out) {
            String v = new String(r.value(), UTF_8);
            if (v.startsWith("poison")) {
                throw new IllegalArgumentException("cannot handle " + v);
            }
            out.send(config.outputTopic(), r.key(), v.toUpperCase().getBytes(UTF_8));
        }
    }

    static final class EchoModule extends AbstractModule {
        private final EchoConfig config;

        EchoModule(EchoConfig config) {
            this.config = config;
        }

        @Override
        protected void configure() {
            bind(EchoProcessor.class).in(Singleton.class);
            Components.add(binder(), KafkaLoop.class);
        }

        @Provides
        @Singleton
        KafkaLoop loop(ServiceName service, KafkaSettings kafka, MeterRegistry registry, Clock clock, EchoProcessor processor) {
            return KafkaLoop.builder(service.value(), kafka, processor).inputTopics(config.inputTopic())
                    .settings(config.loop()).meterRegistry(registry).clock(clock).build();
        }
    }
}
