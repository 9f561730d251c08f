package io.netrare.runtime.kafka;

import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Kafka's authorization errors into {@link AccessDeniedException}s that name the missing right.
 * Kafka's exceptions say which resource was refused but not which operation; the caller says what it was
 * doing ({@link Use}), which fixes the operation.
 */
public final class KafkaAccess {

    /** What the client was doing when it was refused. */
    public enum Use {
        /** reading records (a consumer's poll, offsets, partitions): READ. */
        CONSUME("READ"),
        /** writing records (a producer's send or commit): WRITE. */
        PRODUCE("WRITE"),
        /** describing topics (admin): DESCRIBE. */
        DESCRIBE("DESCRIBE"),
        /** creating topics (admin): CREATE. */
        CREATE("CREATE");

        private final String topicOperation;

        Use(String topicOperation) {
            this.topicOperation = topicOperation;
        }
    }

    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=([^,]+)");

    private KafkaAccess() {
    }

    /**
     * The access error behind {@code t} (anywhere in its cause chain), explained; empty when {@code t} is
     * not an authorization error.
     *
     * @param transactionalId the producer's transactional id, if it has one (named when it is refused)
     */
    public static Optional<AccessDeniedException> explain(Throwable t, KafkaSettings kafka, Use use, String transactionalId) {
        return explain(t, kafka, use, transactionalId, List.of());
    }

    /**
     * As {@link #explain(Throwable, KafkaSettings, Use, String)}; {@code topics} are the topics the client was
     * using, named when the broker's error does not say which topic it refused (admin requests).
     */
    public static Optional<AccessDeniedException> explain(Throwable t, KafkaSettings kafka, Use use, String transactionalId,
                                                          Collection<String> topics) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AccessDeniedException a) {
                return Optional.of(a);
            }
            String principal = principal(kafka);
            if (c instanceof TopicAuthorizationException e) {
                Collection<String> refused = !e.unauthorizedTopics().isEmpty() ? e.unauthorizedTopics()
                        : !topics.isEmpty() ? topics : Collections.singleton("(not named by the broker)");
                return Optional.of(new AccessDeniedException(principal, use.topicOperation, "topic",
                        String.join(", ", new TreeSet<>(refused)),
                        use == Use.CREATE ? "create the topics beforehand (netrare topics create)" : "", t));
            }
            if (c instanceof GroupAuthorizationException e) {
                return Optional.of(new AccessDeniedException(principal, "READ", "group",
                        e.groupId() == null ? "(not named by the broker)" : e.groupId(), "", t));
            }
            if (c instanceof TransactionalIdAuthorizationException) {
                return Optional.of(new AccessDeniedException(principal, "WRITE", "transactional-id",
                        transactionalId == null ? "(not named by the broker)" : transactionalId, "", t));
            }
            if (c instanceof ClusterAuthorizationException) {
                String operation = switch (use) {
                    case PRODUCE -> "IDEMPOTENT_WRITE";
                    case CREATE -> "CREATE";
                    default -> "DESCRIBE";
                };
                return Optional.of(new AccessDeniedException(principal, operation, "cluster", "kafka-cluster",
                        use == Use.PRODUCE ? "WRITE on any topic implies it" : "", t));
            }
        }
        return Optional.empty();
    }

    /** {@code t} itself, or its explanation when it is an authorization error. */
    public static Throwable translate(Throwable t, KafkaSettings kafka, Use use, String transactionalId) {
        return explain(t, kafka, use, transactionalId).<Throwable>map(a -> a).orElse(t);
    }

    /** {@code t} itself, or its explanation naming {@code topics} when the broker named none. */
    public static Throwable translate(Throwable t, KafkaSettings kafka, Use use, String transactionalId,
                                      Collection<String> topics) {
        return explain(t, kafka, use, transactionalId, topics).<Throwable>map(a -> a).orElse(t);
    }

    /**
     * The principal these settings authenticate as, as far as the client can tell: the SASL user name, else
     * the CN of the TLS client certificate (with a mapping rule like {@code RULE:^CN=([^,]+)$/$1/}), else
     * {@code User:ANONYMOUS}; a SASL login without a user name (OAUTHBEARER, GSSAPI) is named as such.
     */
    public static String principal(KafkaSettings kafka) {
        String jaas = kafka.properties().get("sasl.jaas.config");
        if (jaas != null) {
            Matcher m = JAAS_USER.matcher(jaas);
            if (m.find()) {
                return "User:" + m.group(1);
            }
        }
        String protocol = kafka.properties().getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (protocol.startsWith("SASL")) {
            return "User:<the SASL login of sasl.jaas.config>"; // OAUTHBEARER, GSSAPI: the broker maps it
        }
        String keystore = kafka.properties().get("ssl.keystore.location");
        if (protocol.equals("SSL") && keystore != null) {
            return certificateName(kafka, Path.of(keystore)).map(n -> "User:" + n).orElse("User:<certificate of " + keystore + ">");
        }
        return "User:ANONYMOUS";
    }

    private static Optional<String> certificateName(KafkaSettings kafka, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(kafka.properties().getOrDefault("ssl.keystore.type", KeyStore.getDefaultType()));
            String password = kafka.properties().get("ssl.keystore.password");
            ks.load(in, password == null ? null : password.toCharArray());
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate cert) {
                    String dn = cert.getSubjectX500Principal().getName();
                    Matcher m = CN.matcher(dn);
                    return Optional.of(m.find() ? m.group(1) : dn);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
