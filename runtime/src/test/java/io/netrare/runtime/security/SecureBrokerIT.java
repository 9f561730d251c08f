package io.netrare.runtime.security;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.kafka.AccessDeniedException;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaAccess;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.testing.SecureKafkaExtension;
import io.netrare.runtime.testing.TestCertificates;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The embedded broker over SASL_SSL with the StandardAuthorizer, and over mutual TLS. */
class SecureBrokerIT {

    @RegisterExtension
    static final SecureKafkaExtension KAFKA = new SecureKafkaExtension(true, "alice");

    @Test
    void theSuperUserProducesAndConsumesOverSaslSsl() throws Exception {
        KafkaSettings admin = KAFKA.settings(SecureKafkaExtension.ADMIN);
        assertThat(TopicAdmin.ensure(admin, List.of(new NewTopic("secure-round-trip", 1, (short) 1))))
                .containsExactly("secure-round-trip");
        assertThat(TopicAdmin.ensure(admin, List.of(new NewTopic("secure-round-trip", 1, (short) 1)))).isEmpty();
        assertThat(roundTrip(admin, "secure-round-trip")).containsExactly("v0", "v1", "v2");
    }

    @Test
    void aPrincipalWithoutRightsIsToldWhichRightItLacks() {
        KafkaSettings admin = KAFKA.settings(SecureKafkaExtension.ADMIN);
        TopicAdmin.ensure(admin, List.of(new NewTopic("alice-existing", 1, (short) 1)));
        KafkaSettings alice = KAFKA.settings("alice");
        assertThat(KafkaAccess.principal(alice)).isEqualTo("User:alice");

        AccessDeniedException describe = catchThrowableOfType(
                () -> TopicAdmin.ensure(alice, List.of(new NewTopic("alice-existing", 1, (short) 1))), AccessDeniedException.class);
        assertThat(describe).hasMessage("principal User:alice lacks DESCRIBE on topic alice-existing");

        // with DESCRIBE, an existing topic needs no CREATE; a missing one does
        KAFKA.grant(List.of(acl("alice", ResourceType.TOPIC, "alice-", PatternType.PREFIXED, AclOperation.DESCRIBE)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicAdmin.ensure(alice, List.of(new NewTopic("alice-existing", 1, (short) 1)))).isEmpty());
        AccessDeniedException create = catchThrowableOfType(
                () -> TopicAdmin.ensure(alice, List.of(new NewTopic("alice-missing", 1, (short) 1))), AccessDeniedException.class);
        assertThat(create.getMessage()).startsWith("principal User:alice lacks CREATE on topic alice-missing")
                .contains("netrare topics create");

        // an idempotent producer refused, and a consumer refused its topic
        Throwable write = catchThrowableOfType(() -> produce(alice, "alice-existing"), Exception.class);
        assertThat(KafkaAccess.translate(write, alice, KafkaAccess.Use.PRODUCE, null))
                .hasMessage("principal User:alice lacks IDEMPOTENT_WRITE on cluster kafka-cluster; WRITE on any topic implies it");
        Throwable read = catchThrowableOfType(() -> consume(alice, "alice-existing", 1), Exception.class);
        assertThat(KafkaAccess.translate(read, alice, KafkaAccess.Use.CONSUME, null))
                .hasMessage("principal User:alice lacks READ on topic alice-existing");
    }

    @Test
    void mutualTlsAuthenticatesClientsByTheirCertificate(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        EmbeddedKafkaBroker.Security tls = new EmbeddedKafkaBroker.Security("SSL", certs.keystore("broker"),
                certs.truststore(), certs.password(), true, Map.of(), "broker", true);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withSecurity(tls))) {
            KafkaSettings asBroker = tlsClient(broker, certs, "broker"); // the super user
            TopicAdmin.ensure(asBroker, List.of(new NewTopic("mtls", 1, (short) 1)));
            assertThat(roundTrip(asBroker, "mtls")).containsExactly("v0", "v1", "v2");

            KafkaSettings bob = tlsClient(broker, certs, "bob");
            assertThat(KafkaAccess.principal(bob)).isEqualTo("User:bob");
            assertThat(catchThrowableOfType(() -> TopicAdmin.ensure(bob, List.of(new NewTopic("mtls", 1, (short) 1))),
                    AccessDeniedException.class)).hasMessage("principal User:bob lacks DESCRIBE on topic mtls");
        }
    }

    private static KafkaSettings tlsClient(EmbeddedKafkaBroker broker, TestCertificates certs, String name) {
        return KafkaSettings.forBootstrap(broker.bootstrapServers()).withProperties(Map.of(
                "security.protocol", "SSL",
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", certs.keystore(name).toString(),
                "ssl.keystore.password", certs.password(),
                "ssl.key.password", certs.password(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", certs.truststore().toString(),
                "ssl.truststore.password", certs.password()));
    }

    private static AclBinding acl(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static List<String> roundTrip(KafkaSettings kafka, String topic) throws Exception {
        produce(kafka, topic);
        return consume(kafka, topic, 3);
    }

    private static void produce(KafkaSettings kafka, String topic) throws Exception {
        Map<String, Object> producerProps = ClientConfigs.producer(kafka, "p", null);
        producerProps.put("max.block.ms", 10_000);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps)) {
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>(topic, ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static List<String> consume(KafkaSettings kafka, String topic, int n) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(kafka, "c", null, 100))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= n;
            });
        }
        return values;
    }
}
