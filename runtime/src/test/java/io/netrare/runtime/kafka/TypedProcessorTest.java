package io.netrare.runtime.kafka;

import io.netrare.schema.EventCodec;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records holding a batch of values: each value processed with its index, and a record that fails does so whole. */
class TypedProcessorTest {

    private static final Topics TOPICS = new Topics("t");

    private static NetworkEvent event(String process, long second) {
        return new NetworkEvent(1, Instant.ofEpochSecond(1_700_000_000L + second), new NetworkEvent.Host("h", null, null),
                new NetworkEvent.Process(process, null, null, null), null, null, null, null, null, 1, null);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(TOPICS.events().name(), 2, 40L, null, value);
    }

    /** Takes each event, refusing in its check those of process "bad"; forwards "late" ones alone. */
    private static final class Taker implements TypedProcessor<NetworkEvent> {
        final List<String> taken = new ArrayList<>();

        @Override
        public void check(Input<NetworkEvent> in) {
            if (in.value().process().name().equals("bad")) {
                throw new IllegalArgumentException("bad event " + in.index());
            }
        }

        @Override
        public void process(Input<NetworkEvent> in, Output out) {
            taken.add(in.value().process().name() + "@" + in.partition() + ":" + in.offset() + "#" + in.index());
            if (in.value().process().name().equals("late")) {
                out.forward(TOPICS.lateEvents(), in.record(), EventCodec.eventOf(in.record().value(), in.index()));
            }
        }
    }

    @Test
    void everyValueOfABatchIsProcessedInOrderWithItsIndexAndCounted() throws Exception {
        List<NetworkEvent> events = List.of(event("sshd", 0), event("late", 1), event("curl", 2));
        byte[] batch = EventCodec.batch(events.stream().map(EventCodec::encode).toList());
        Taker taker = new Taker();
        List<Integer> counts = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        RecordProcessor p = TypedProcessor.ofEach(TOPICS.events(), EventCodec.batchReader(), taker, counts::add);

        p.process(record(batch), sent::add);
        p.process(record(EventCodec.encode(event("nc", 3))), sent::add);

        assertThat(taker.taken).containsExactly("sshd@2:40#0", "late@2:40#1", "curl@2:40#2", "nc@2:40#0");
        assertThat(counts).containsExactly(3, 1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).topic()).isEqualTo(TOPICS.lateEvents().name());
        assertThat(EventCodec.decode(sent.get(0).value())).isEqualTo(events.get(1)); // the late event alone
    }

    @Test
    void aRecordWithAValueFailingItsCheckFailsBeforeAnyValueIsProcessed() {
        byte[] batch = EventCodec.batch(List.of(EventCodec.encode(event("sshd", 0)), EventCodec.encode(event("bad", 1))));
        Taker taker = new Taker();
        List<Integer> counts = new ArrayList<>();
        RecordProcessor p = TypedProcessor.ofEach(TOPICS.events(), EventCodec.batchReader(), taker, counts::add);

        assertThatThrownBy(() -> p.process(record(batch), r -> { })).hasMessage("bad event 1");
        assertThatThrownBy(() -> p.process(record(new byte[]{0, (byte) 0x81, 5}), r -> { }))
                .hasMessageStartingWith("not a valid batch");
        assertThat(taker.taken).isEmpty();
        assertThat(counts).isEmpty();
    }
}
