package io.netrare.runtime.kafka;

import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicReaderIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void readsEveryPartitionFromTheBeginningAndKeepsFollowing() throws Exception {
        String topic = KAFKA.createTopic("models", 3);
        KafkaSettings kafka = KAFKA.settings("reader");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "p", null))) {
            for (int i = 0; i < 30; i++) {
                p.send(new ProducerRecord<>(topic, i % 3, ("k" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8)));
            }
        }
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        TopicReader reader = new TopicReader(kafka, topic, r -> seen.put(new String(r.value(), UTF_8), r.partition()));
        reader.start();
        try {
            assertThat(reader.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(seen).hasSize(30);
            assertThat(Set.copyOf(seen.values())).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(reader.healthy()).isTrue();
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(ClientConfigs.producer(kafka, "p", null))) {
                p.send(new ProducerRecord<>(topic, 2, "late".getBytes(UTF_8), "late".getBytes(UTF_8)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("late"));
        } finally {
            reader.stop();
        }
        assertThat(reader.healthy()).isFalse();
    }

    @Test
    void createsTheCatalogueWithCompactionWhereDeclared() throws Exception {
        KafkaSettings kafka = KAFKA.settings("admin").withTopicPrefix(KAFKA.uniqueTopic("cat"));
        Topics topics = kafka.topics();
        TopicAdmin.createAll(kafka, 2);
        TopicAdmin.createAll(kafka, 2); // existing topics are left alone
        try (Admin admin = Admin.create(ClientConfigs.admin(kafka, "check"))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).containsAll(topics.all().stream().map(Topics.TopicSpec::name).toList());
            assertThat(admin.describeTopics(List.of(topics.events().name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topics.events().name()).partitions()).hasSize(2);
            ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, topics.models().name());
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, topics.events().name());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(models, events)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(models).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(events).get("cleanup.policy").value()).isEqualTo("delete");
        }
    }
}
