package io.netrare.alerting.service;

import io.netrare.alerting.service.AlertingMetrics;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.DeadLetters;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.ReliableDelivery;
import io.netrare.runtime.kafka.Output;
import io.netrare.runtime.kafka.RecordProcessor;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One sink's delivery from the alerts topic (the outbox), in its own consumer group: the loop commits a
 * record's offset only after {@link ReliableDelivery} returned (delivered or dead-lettered), so a restart
 * resumes at the first alert not yet handled. Dead letters go to {@code netrare.dlq.alerting} with the
 * sink and the reason in headers.
 */
final class SinkDeliveryProcessor implements RecordProcessor {

    private final AlertSink sink;
    private final ReliableDelivery delivery;
    private final String deadLetterTopic;
    private final List<String[]> pending = new ArrayList<>();

    SinkDeliveryProcessor(AlertSink sink, DeliveryConfig config, AlertingMetrics metrics, Clock clock, String deadLetterTopic) {
        this.sink = sink;
        this.deadLetterTopic = deadLetterTopic;
        DeadLetters capture = (s, alert, reason) -> pending.add(new String[] {s, reason});
        this.delivery = new ReliableDelivery(sink, config, capture, metrics, clock, ReliableDelivery.Sleeper.THREAD);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> r, Output out) throws InterruptedException {
        Alert alert = Json.read(r.value(), Alert.class);
        pending.clear();
        delivery.deliver(alert);
        for (String[] dead : pending) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("netrare.dlq.topic", r.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("netrare.dlq.partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("netrare.dlq.offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
            headers.add("netrare.dlq.stage", ("sink-" + dead[0]).getBytes(StandardCharsets.UTF_8));
            headers.add("netrare.dlq.error.class", "DeliveryException".getBytes(StandardCharsets.UTF_8));
            headers.add("netrare.dlq.error.reason", dead[1].getBytes(StandardCharsets.UTF_8));
            out.send(deadLetterTopic, r.key(), r.value(), headers);
        }
    }

    String sinkName() {
        return sink.name();
    }

    void close() {
        sink.close();
    }
}
