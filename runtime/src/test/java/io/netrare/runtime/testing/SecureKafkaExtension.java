package io.netrare.runtime.testing;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One embedded broker per test class with a SASL_SSL listener (SCRAM-SHA-512 over TLS, certificates from
 * {@link TestCertificates}), users {@code admin} (the super user) and the given ones, and optionally the KRaft
 * {@code StandardAuthorizer}: every user but {@code admin} then needs ACLs.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SecureKafkaExtension KAFKA = new SecureKafkaExtension(true, "scoring", "alerting");
 * KafkaSettings scoring = KAFKA.settings("scoring");
 * }</pre>
 */
public final class SecureKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN = "admin";

    private final boolean authorizer;
    private final Map<String, String> users = new LinkedHashMap<>();
    private Path dir;
    private TestCertificates certificates;
    private Path truststore;
    private EmbeddedKafkaBroker broker;

    public SecureKafkaExtension(boolean authorizer, String... users) {
        this.authorizer = authorizer;
        this.users.put(ADMIN, ADMIN + "-secret");
        for (String u : users) {
            this.users.put(u, u + "-secret");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("netrare-tls-");
        certificates = TestCertificates.create(dir);
        truststore = certificates.truststore();
        EmbeddedKafkaBroker.Security security = EmbeddedKafkaBroker.Security.saslSsl(certificates.keystore("broker"),
                truststore, certificates.password(), ADMIN, users).withAuthorizer(authorizer);
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withSecurity(security));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** The client properties of {@code user}: SASL_SSL, SCRAM-SHA-512, the test CA as trust store. */
    public Map<String, String> clientProperties(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user);
        }
        return Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", EmbeddedKafkaBroker.scramJaas(user, password),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", certificates.password());
    }

    /** Settings of {@code user} on this broker. */
    public KafkaSettings settings(String user) {
        return KafkaSettings.forBootstrap(bootstrapServers()).withProperties(clientProperties(user));
    }

    /** Adds ACLs as the super user and waits until they are in force. */
    public void grant(Collection<AclBinding> acls) {
        try (Admin admin = Admin.create(ClientConfigs.admin(settings(ADMIN), "test-acl-admin"))) {
            admin.createAcls(List.copyOf(acls)).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create ACLs", e);
        }
    }
}
