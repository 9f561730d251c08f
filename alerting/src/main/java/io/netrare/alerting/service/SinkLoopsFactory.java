package io.netrare.alerting.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.netrare.alerting.service.AlertingConfig;
import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.schema.Topics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds one delivery loop per enabled sink. */
public final class SinkLoopsFactory {

    private SinkLoopsFactory() {
    }

    public static SinkLoops create(AlertingConfig config, String service, KafkaSettings kafka, Topics topics,
                                   MeterRegistry registry, Clock clock, AlertingMetrics metrics) {
        List<KafkaLoop> loops = new ArrayList<>();
        List<SinkDeliveryProcessor> processors = new ArrayList<>();
        // at-least-once, one alert per batch: a delivery may retry for minutes, longer than a transaction
        // should stay open; a crash redelivers at most the alert in hand, which receivers deduplicate
        KafkaSettings sinkKafka = kafka.withTransactional(false);
        for (AlertSink sink : config.createSinks(System.out)) {
            SinkDeliveryProcessor processor = new SinkDeliveryProcessor(sink, config.delivery(), metrics, clock,
                    d -> Thread.sleep(d.toMillis()), topics.deadLetters("alerting").name());
            LoopSettings settings = config.loop().withMaxPollRecords(1)
                    .withGroupId(kafka.topicPrefix() + "." + service + ".sink." + sink.name());
            loops.add(KafkaLoop.builder(service, sinkKafka, processor).inputTopics(topics.alerts().name())
                    .settings(settings).meterRegistry(registry).clock(clock).loopName("sink-" + sink.name()).build());
            processors.add(processor);
        }
        return new SinkLoops(loops, processors);
    }
}
