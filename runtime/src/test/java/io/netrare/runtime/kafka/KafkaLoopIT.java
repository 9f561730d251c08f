package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaLoopIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int RECORDS = 10_000;

    /** Upper-cases the value into the output topic. */
    private record Transform(String outTopic) implements RecordProcessor {
        @Override
        public void process(ConsumerRecord<byte[], byte[]> r, Output out) {
            String v = new String(r.value(), UTF_8);
            if (v.startsWith("poison")) {
                throw new IllegalArgumentException("cannot handle '" + v + "'");
            }
            out.send(outTopic, r.key(), ("out-" + v).getBytes(UTF_8));
        }
    }

    @Test
    void transactionalLoopCarriesEveryRecordExactlyOnceAcrossACrash() throws Exception {
        String in = KAFKA.createTopic("in", 4);
        String out = KAFKA.createTopic("out", 4);
        produce(in, RECORDS, i -> null);
        KafkaSettings kafka = KAFKA.settings("crash-1").withTopicPrefix("eos");
        LoopSettings settings = LoopSettings.defaults().withFailurePolicy(FailurePolicy.FAIL).withMaxPollRecords(500)
                .withGroupId("eos-" + in);

        // first incarnation crashes (an Error: no abort, no commit) in the middle of a batch
        AtomicInteger seen = new AtomicInteger();
        Transform transform = new Transform(out);
        RecordProcessor crashing = (r, o) -> {
            if (seen.incrementAndGet() == 6_123) {
                throw new AssertionError("simulated crash");
            }
            transform.process(r, o);
        };
        KafkaLoop first = KafkaLoop.builder("echo", kafka, crashing).inputTopics(in).settings(settings).build();
        first.start();
        assertThat(first.awaitFinished(Duration.ofSeconds(60))).isTrue();
        assertThat(first.failure()).get().isInstanceOf(AssertionError.class);
        first.stop();

        // the restarted incarnation (same instance id) fences the first and resumes from the last commit
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaLoop second = KafkaLoop.builder("echo", kafka, transform).inputTopics(in).settings(settings)
                .meterRegistry(registry).build();
        second.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> output = KAFKA.readCommitted(out, RECORDS, Duration.ofSeconds(90));
            List<String> values = output.stream().map(r -> new String(r.value(), UTF_8)).toList();
            Set<String> expected = IntStream.range(0, RECORDS).mapToObj(i -> "out-" + i).collect(Collectors.toSet());
            assertThat(values).hasSize(RECORDS);
            assertThat(new HashSet<>(values)).isEqualTo(expected);
            assertThat(second.failure()).isEmpty();
            // the first incarnation really had written output that was then aborted
            assertThat(countUncommitted(out)).isGreaterThan(RECORDS);
        } finally {
            second.stop();
        }
    }

    @Test
    void aSecondIncarnationWithTheSameInstanceIdFencesALiveZombie() throws Exception {
        int n = 3_000;
        String in = KAFKA.createTopic("in", 2);
        String out = KAFKA.createTopic("out", 2);
        produce(in, n, i -> null);
        KafkaSettings kafka = KAFKA.settings("zombie-1").withTopicPrefix("zombie");
        LoopSettings settings = LoopSettings.defaults().withFailurePolicy(FailurePolicy.FAIL).withMaxPollRecords(100)
                .withGroupId("zombie-" + in);
        Transform transform = new Transform(out);
        AtomicInteger zombieSeen = new AtomicInteger();
        RecordProcessor slow = (r, o) -> {
            zombieSeen.incrementAndGet();
            Thread.sleep(2);
            transform.process(r, o);
        };
        KafkaLoop zombie = KafkaLoop.builder("echo", kafka, slow).inputTopics(in).settings(settings).build();
        zombie.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> zombieSeen.get() >= 300);
        KafkaLoop successor = KafkaLoop.builder("echo", kafka, transform).inputTopics(in).settings(settings).build();
        successor.start();
        try {
            // the zombie's next commit is fenced: it stops, and its open transaction never becomes visible
            assertThat(zombie.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(zombie.failure()).isPresent();
            List<String> values = KAFKA.readCommitted(out, n, Duration.ofSeconds(90)).stream()
                    .map(r -> new String(r.value(), UTF_8)).toList();
            assertThat(values).hasSize(n).doesNotHaveDuplicates();
            assertThat(successor.failure()).isEmpty();
        } finally {
            zombie.stop();
            successor.stop();
        }
    }

    @Test
    void twoInstancesSplitThePartitionsAndOneTakesOverWhenTheOtherStops() throws Exception {
        int n = 4_000;
        String in = KAFKA.createTopic("in", 4);
        String out = KAFKA.createTopic("out", 4);
        produce(in, n, i -> null);
        LoopSettings settings = LoopSettings.defaults().withMaxPollRecords(200).withGroupId("split-" + in);
        Transform transform = new Transform(out);
        List<TopicPartition> assignedToA = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<TopicPartition> assignedToB = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger processedByA = new AtomicInteger();
        RecordProcessor slowA = new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> r, Output o) throws Exception {
                processedByA.incrementAndGet();
                Thread.sleep(1);
                transform.process(r, o);
            }

            @Override
            public void onAssigned(java.util.Collection<TopicPartition> partitions) {
                assignedToA.addAll(partitions);
            }
        };
        RecordProcessor b = new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> r, Output o) throws Exception {
                Thread.sleep(1);
                transform.process(r, o);
            }

            @Override
            public void onAssigned(java.util.Collection<TopicPartition> partitions) {
                assignedToB.addAll(partitions);
            }
        };
        KafkaLoop loopA = KafkaLoop.builder("split", KAFKA.settings("split-a"), slowA).inputTopics(in).settings(settings).build();
        KafkaLoop loopB = KafkaLoop.builder("split", KAFKA.settings("split-b"), b).inputTopics(in).settings(settings).build();
        // A starts alone and owns the input first; B joins while A still has work. Started together, either one
        // could take all four partitions and finish the 4,000 records before the other's first assignment lands
        // on a loaded machine, and the other would never process anything.
        loopA.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> processedByA.get() > 200);
            loopB.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> !assignedToB.isEmpty());
            assertThat(assignedToA).isNotEmpty();
            loopA.stop(); // graceful: finishes its batch and commits; B takes over its partitions
            assertThat(loopA.failure()).isEmpty();
            List<String> values = KAFKA.readCommitted(out, n, Duration.ofSeconds(90)).stream()
                    .map(r -> new String(r.value(), UTF_8)).toList();
            assertThat(values).hasSize(n).doesNotHaveDuplicates();
            // B ends up with every partition (A may have finished its records before the rebalance lands)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Set.copyOf(assignedToB)).hasSize(4));
            assertThat(loopB.failure()).isEmpty();
        } finally {
            loopA.stop();
            loopB.stop();
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsHeadersAndTheRestIsProcessed() throws Exception {
        String in = KAFKA.createTopic("in", 1);
        String out = KAFKA.createTopic("out", 1);
        KafkaSettings kafka = KAFKA.settings("dlq-1").withTopicPrefix(KAFKA.uniqueTopic("dlqtest"));
        String dlq = kafka.topics().deadLetters("echo").name(); // not created here: the loop creates it when missing

        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "p", null))) {
            for (int i = 0; i < 5; i++) {
                String value = i == 2 ? "poison-2" : Integer.toString(i);
                RecordHeaders headers = new RecordHeaders();
                headers.add("trace-id", ("t" + i).getBytes(UTF_8));
                p.send(new ProducerRecord<>(in, null, ("k" + i).getBytes(UTF_8), value.getBytes(UTF_8), headers)).get();
            }
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaLoop loop = KafkaLoop.builder("echo", kafka, new Transform(out)).inputTopics(in)
                .settings(LoopSettings.defaults().withGroupId("dlq-" + in)).meterRegistry(registry).build();
        loop.start();
        try {
            List<ConsumerRecord<byte[], byte[]>> outputs = KAFKA.readCommitted(out, 4, Duration.ofSeconds(60));
            assertThat(outputs).extracting(r -> new String(r.value(), UTF_8))
                    .containsExactly("out-0", "out-1", "out-3", "out-4");

            List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.readCommitted(dlq, 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            ConsumerRecord<byte[], byte[]> letter = dead.get(0);
            assertThat(new String(letter.key(), UTF_8)).isEqualTo("k2");
            assertThat(new String(letter.value(), UTF_8)).isEqualTo("poison-2");
            Map<String, String> headers = headers(letter);
            assertThat(headers).containsEntry("trace-id", "t2")
                    .containsEntry(DeadLetters.TOPIC, in)
                    .containsEntry(DeadLetters.PARTITION, "0")
                    .containsEntry(DeadLetters.OFFSET, "2")
                    .containsEntry(DeadLetters.STAGE, "process")
                    .containsEntry(DeadLetters.ERROR_CLASS, IllegalArgumentException.class.getName())
                    .containsEntry(DeadLetters.ERROR_REASON, "cannot handle 'poison-2'");
            assertThat(headers.keySet().stream().filter(k -> k.startsWith("netrare.dlq."))).hasSize(6);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry
                    .get("netrare_echo_records_dead_lettered").tag("reason", "IllegalArgumentException").counter().count())
                    .isEqualTo(1.0));
        } finally {
            loop.stop();
        }
    }

    @Test
    void atLeastOnceModeCommitsAfterTheOutputsAreAcknowledged() throws Exception {
        String in = KAFKA.createTopic("in", 2);
        String out = KAFKA.createTopic("out", 2);
        produce(in, 200, i -> null);
        KafkaSettings kafka = KAFKA.settings("alo-1").withTransactional(false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaLoop loop = KafkaLoop.builder("alo", kafka, new Transform(out)).inputTopics(in)
                .settings(LoopSettings.defaults().withGroupId("alo-" + in)).meterRegistry(registry).build();
        loop.start();
        try {
            assertThat(KAFKA.readCommitted(out, 200, Duration.ofSeconds(60))).hasSize(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(registry.get("netrare_alo_offset_commits").counter().count()).isPositive());
        } finally {
            loop.stop();
        }
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "check", "alo-" + in, 10))) {
            long committed = c.committed(Set.of(new TopicPartition(in, 0), new TopicPartition(in, 1))).values().stream()
                    .mapToLong(o -> o == null ? 0 : o.offset()).sum();
            assertThat(committed).isEqualTo(200);
        }
    }

    @Test
    void failPolicyStopsTheLoopWithoutCommittingTheFailedRecord() throws Exception {
        String in = KAFKA.createTopic("in", 1);
        String out = KAFKA.createTopic("out", 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(KAFKA.settings("p"), "p", null))) {
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(in, ("k" + i).getBytes(UTF_8), (i == 2 ? "poison" : "" + i).getBytes(UTF_8)));
            }
        }
        KafkaSettings kafka = KAFKA.settings("fail-1");
        String group = "fail-" + in;
        KafkaLoop loop = KafkaLoop.builder("failing", kafka, new Transform(out)).inputTopics(in)
                .settings(LoopSettings.defaults().withGroupId(group).withFailurePolicy(FailurePolicy.FAIL)).build();
        loop.start();
        assertThat(loop.awaitFinished(Duration.ofSeconds(60))).isTrue();
        loop.stop();
        assertThat(loop.failure()).get().isInstanceOf(KafkaLoop.LoopFailedException.class)
                .extracting(Throwable::getCause).isInstanceOf(IllegalArgumentException.class);
        long committed;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "check", group, 10))) {
            var offset = c.committed(Set.of(new TopicPartition(in, 0))).get(new TopicPartition(in, 0));
            committed = offset == null ? 0 : offset.offset();
        }
        assertThat(committed).isLessThanOrEqualTo(2);
        List<String> outputs = KAFKA.readCommitted(out, (int) committed, Duration.ofSeconds(5)).stream()
                .map(r -> new String(r.value(), UTF_8)).toList();
        assertThat(outputs).hasSize((int) committed).allMatch(v -> v.equals("out-0") || v.equals("out-1"));
    }

    @Test
    void retriesRetriableErrorsSkipsPerStageTicksAndReportsAssignment() throws Exception {
        String in = KAFKA.createTopic("in", 1);
        String out = KAFKA.createTopic("out", 1);
        String ticks = KAFKA.createTopic("ticks", 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(KAFKA.settings("p"), "p", null))) {
            for (String v : List.of("a", "retry", "skip-me", "b")) {
                p.send(new ProducerRecord<>(in, v.getBytes(UTF_8), v.getBytes(UTF_8)));
            }
        }
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<TopicPartition> assigned = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger tickCount = new AtomicInteger();
        RecordProcessor processor = new RecordProcessor() {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> r, Output o) {
                String v = new String(r.value(), UTF_8);
                o.send(out, r.key(), ("partial-" + v).getBytes(UTF_8)); // must vanish if the record fails
                if (v.equals("retry") && failuresLeft.getAndDecrement() > 0) {
                    throw new RetriableProcessingException("busy");
                }
                if (v.equals("skip-me")) {
                    throw new StageException("enrich", new IllegalStateException("no enrichment for " + v));
                }
            }

            @Override
            public void onTick(java.time.Instant now, Output o) {
                if (tickCount.incrementAndGet() == 1) {
                    o.send(ticks, null, "first-tick".getBytes(UTF_8));
                }
            }

            @Override
            public void onAssigned(java.util.Collection<TopicPartition> partitions) {
                assigned.addAll(partitions);
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoopSettings settings = new LoopSettings("mixed-" + in, 500, Duration.ofMillis(50), FailurePolicy.FAIL,
                Map.of("enrich", FailurePolicy.SKIP),
                new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, Duration.ofSeconds(5)), null);
        KafkaLoop loop = KafkaLoop.builder("mixed", KAFKA.settings("mixed-1"), processor).inputTopics(in)
                .settings(settings).meterRegistry(registry).build();
        loop.start();
        try {
            assertThat(KAFKA.readCommitted(out, 3, Duration.ofSeconds(60))).extracting(r -> new String(r.value(), UTF_8))
                    .containsExactly("partial-a", "partial-retry", "partial-b");
            assertThat(KAFKA.readCommitted(ticks, 1, Duration.ofSeconds(10))).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(registry.get("netrare_mixed_processing_retries").counter().count()).isEqualTo(2.0);
                assertThat(registry.get("netrare_mixed_records_skipped").tag("stage", "enrich")
                        .tag("reason", "IllegalStateException").counter().count()).isEqualTo(1.0);
            });
            assertThat(tickCount.get()).isGreaterThan(1); // ticks go on while idle
            assertThat(assigned).containsExactly(new TopicPartition(in, 0));
            assertThat(loop.failure()).isEmpty();
        } finally {
            loop.stop();
        }
    }

    private static void produce(String topic, int n, java.util.function.IntFunction<byte[]> unused) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(KAFKA.settings("p"), "p", null))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, ("k" + i).getBytes(UTF_8), Integer.toString(i).getBytes(UTF_8)));
            }
            p.flush();
        }
    }

    private static long countUncommitted(String topic) {
        Map<String, Object> props = new HashMap<>(ClientConfigs.consumer(KAFKA.settings("u"), "u", null, 1000));
        props.put("isolation.level", "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long total = 0;
            long idle = 0;
            while (idle < 10) {
                int n = c.poll(Duration.ofMillis(100)).count();
                total += n;
                idle = n == 0 ? idle + 1 : 0;
            }
            return total;
        }
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new HashMap<>();
        for (Header h : r.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(new String(r.value(), UTF_8)));
        return out;
    }
}
