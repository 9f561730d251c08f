package io.netrare.alerting.service;

import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.DeliveryException;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.DeadLetters;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.Retrier;
import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code netrare alerts redeliver}: sends the alerts a sink dead-lettered ({@code netrare.dlq.alerting}, stage
 * {@code sink-<name>}) to that sink again, once its receiver is back. It reads the dead-letter topic up to
 * its end at the start, in its own consumer group ({@code <prefix>.alerting.redeliver.<sink>}), and commits
 * after each alert handled, so a second run sends only what came since. Receivers deduplicate by alert id
 * (the webhook's {@code Idempotency-Key}, Alertmanager's labels), so sending an alert twice is harmless. The
 * first alert that still fails stops the run, its offset uncommitted: run it again later.
 */
public final class Redeliverer {

    /** What a run did. */
    public record Result(long delivered, long skipped, long failed) {
    }

    private final AlertingConfig config;
    private final Clock clock;
    private final PrintStream console;

    /** @param console where the console sink, if it is the one redelivered to, prints */
    public Redeliverer(AlertingConfig config, Clock clock, PrintStream console) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.console = requireNonNull(console, "console is null");
    }

    /**
     * @param fromBeginning ignore what earlier runs committed and resend every dead letter of the sink
     * @param dryRun        list the alerts, send and commit nothing
     */
    public Result redeliver(String sinkName, boolean fromBeginning, boolean dryRun, PrintWriter log) throws InterruptedException {
        List<AlertSink> sinks = config.createSinks(console);
        AlertSink sink = sinks.stream().filter(s -> s.name().equals(sinkName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("sink '" + sinkName + "' is not enabled in the config; enabled: "
                        + sinks.stream().map(AlertSink::name).toList()));
        try {
            return run(sink, fromBeginning, dryRun, log);
        } finally {
            sinks.forEach(AlertSink::close);
        }
    }

    private Result run(AlertSink sink, boolean fromBeginning, boolean dryRun, PrintWriter log) throws InterruptedException {
        KafkaSettings kafka = config.kafka();
        String topic = kafka.topics().deadLetters("alerting").name();
        String stage = SinkDeliveryProcessor.stage(sink.name());
        String group = kafka.topicPrefix() + ".alerting.redeliver." + sink.name();
        Retrier retrier = new Retrier(config.delivery().retry(), clock, d -> Thread.sleep(d.toMillis()));
        long delivered = 0;
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka,
                "netrare-alerting-redeliver", group, 100))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                log.printf("no dead-letter topic %s: nothing to redeliver%n", topic);
                return new Result(0, 0, 0);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!end.containsKey(tp) || r.offset() >= end.get(tp)) {
                        continue;
                    }
                    if (!stage.equals(header(r, DeadLetters.STAGE))) {
                        skipped++;
                    } else {
                        Alert alert = Json.read(r.value(), Alert.class);
                        if (dryRun) {
                            log.printf("would redeliver alert %s: %s%n", alert.alertId(), SafeText.line(alert.reason()));
                        } else {
                            try {
                                retrier.run(() -> sink.deliver(alert), e -> e instanceof DeliveryException d && d.retriable(),
                                        (attempt, e) -> { });
                            } catch (InterruptedException e) {
                                throw e;
                            } catch (Exception e) {
                                log.printf("%s still fails for alert %s at %s-%d@%d: %s; stopped, run again later%n",
                                        sink.name(), alert.alertId(), r.topic(), r.partition(), r.offset(),
                                        SafeText.line(String.valueOf(e.getMessage())));
                                return new Result(delivered, skipped, 1);
                            }
                            delivered++;
                            log.printf("redelivered alert %s%n", alert.alertId());
                        }
                    }
                    if (!dryRun) {
                        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        log.printf("%s: %d alerts redelivered, %d dead letters of other stages skipped%n", sink.name(), delivered, skipped);
        return new Result(delivered, skipped, 0);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
