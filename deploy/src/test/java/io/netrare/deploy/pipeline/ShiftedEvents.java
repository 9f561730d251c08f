package io.netrare.deploy.pipeline;

import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.JobSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Simulated events moved in time or given another process, and sent to the events topic keyed as ingest keys
 * them: the live traffic of the interim-record test and the interim latency benchmark.
 */
public final class ShiftedEvents {

    private ShiftedEvents() {
    }

    /** The event at another time. */
    public static NetworkEvent at(NetworkEvent e, long epochMillis) {
        return new NetworkEvent(e.schemaVersion(), Instant.ofEpochMilli(epochMillis), e.host(), e.process(), e.user(),
                e.source(), e.destination(), e.network(), e.event(), e.count(), e.ingest());
    }

    /** The event of a process named {@code process}, run from {@code /tmp/.<process>}. */
    public static NetworkEvent rename(NetworkEvent e, String process) {
        return new NetworkEvent(e.schemaVersion(), e.timestamp(), e.host(),
                new NetworkEvent.Process(process, "/tmp/." + process, 4242L, null), e.user(), e.source(),
                e.destination(), e.network(), e.event(), e.count(), e.ingest());
    }

    /** Sends one event to {@code topic}, keyed by the job's entity key. */
    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, JobSpec job, NetworkEvent e) {
        producer.send(new ProducerRecord<>(topic, job.entityKey(e).kafkaKey().getBytes(StandardCharsets.UTF_8), Json.write(e)));
    }

    /** Sends every event moved to {@code epochMillis}. */
    public static void sendAt(KafkaProducer<byte[], byte[]> producer, String topic, JobSpec job,
                              List<NetworkEvent> events, long epochMillis) {
        for (NetworkEvent e : events) {
            send(producer, topic, job, at(e, epochMillis));
        }
    }
}
