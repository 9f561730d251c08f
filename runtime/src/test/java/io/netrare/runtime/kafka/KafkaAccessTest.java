package io.netrare.runtime.kafka;

import io.netrare.runtime.testing.TestCertificates;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaAccessTest {

    private final KafkaSettings scoring = KafkaSettings.forBootstrap("b:9093").withProperties(Map.of(
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"scoring\" password=\"x\";"));

    @Test
    void namesTheOperationTheCallerWasDoingAndTheResourceKafkaRefused() {
        Throwable wrapped = new KafkaException("commit failed", new TopicAuthorizationException(Set.of("p.anomalies")));
        assertThat(KafkaAccess.translate(wrapped, scoring, KafkaAccess.Use.PRODUCE, null))
                .isInstanceOf(AccessDeniedException.class).hasMessage("principal User:scoring lacks WRITE on topic p.anomalies")
                .hasCause(wrapped);
        assertThat(KafkaAccess.translate(new TopicAuthorizationException("no"), scoring, KafkaAccess.Use.CONSUME, null,
                List.of("p.events"))).hasMessage("principal User:scoring lacks READ on topic p.events");
        assertThat(KafkaAccess.translate(GroupAuthorizationException.forGroupId("p.scoring"), scoring, KafkaAccess.Use.PRODUCE, null))
                .hasMessage("principal User:scoring lacks READ on group p.scoring");
        assertThat(KafkaAccess.translate(new TransactionalIdAuthorizationException("no"), scoring, KafkaAccess.Use.PRODUCE,
                "p.scoring.main.s-0")).hasMessage("principal User:scoring lacks WRITE on transactional-id p.scoring.main.s-0");
        assertThat(KafkaAccess.translate(new ClusterAuthorizationException("no"), scoring, KafkaAccess.Use.CREATE, null))
                .hasMessage("principal User:scoring lacks CREATE on cluster kafka-cluster");
    }

    @Test
    void leavesOtherErrorsAlone() {
        IllegalStateException other = new IllegalStateException("boom");
        assertThat(KafkaAccess.translate(other, scoring, KafkaAccess.Use.CONSUME, null)).isSameAs(other);
        assertThat(KafkaAccess.explain(new KafkaException("x"), scoring, KafkaAccess.Use.CONSUME, null)).isEmpty();
    }

    @Test
    void principalFromTheSaslUserOrTheCertificateCommonName(@TempDir Path dir) {
        assertThat(KafkaAccess.principal(scoring)).isEqualTo("User:scoring");
        TestCertificates certs = TestCertificates.create(dir);
        KafkaSettings tls = KafkaSettings.forBootstrap("b:9093").withProperties(Map.of("security.protocol", "SSL",
                "ssl.keystore.type", "PKCS12", "ssl.keystore.location", certs.keystore("alerting").toString(),
                "ssl.keystore.password", certs.password()));
        assertThat(KafkaAccess.principal(tls)).isEqualTo("User:alerting");
        assertThat(KafkaAccess.principal(KafkaSettings.forBootstrap("b:9092"))).isEqualTo("User:ANONYMOUS");
    }
}
