package io.netrare.runtime.kafka;

import io.netrare.schema.Topics;

import java.time.Duration;
import java.util.Map;

/**
 * How a service talks to Kafka. Security settings (TLS, SASL) go in {@code properties} and reach every
 * client as they are; values under secret-looking keys ({@code sasl.jaas.config}, {@code *password*})
 * are masked when the config is printed.
 *
 * @param bootstrapServers   {@code host:port[,host:port]}
 * @param clientId           client id prefix; empty means the service name
 * @param topicPrefix        prefix of every topic name ({@link Topics}), default {@code netrare}
 * @param instanceId         this instance's stable id, part of the transactional id; must differ between
 *                           instances of a service and stay the same across restarts of one instance
 *                           (e.g. a StatefulSet pod name); empty means the host name
 * @param transactional      true: exactly-once consume-transform-produce; false: at-least-once
 * @param transactionTimeout producer {@code transaction.timeout.ms}: how long an abandoned transaction
 *                           of a crashed instance may block read_committed readers if it never returns
 * @param properties         passed to consumers, producers and admin clients
 * @param consumer           passed to consumers only (after {@code properties})
 * @param producer           passed to producers only (after {@code properties})
 */
public record KafkaSettings(
        String bootstrapServers,
        String clientId,
        String topicPrefix,
        String instanceId,
        boolean transactional,
        Duration transactionTimeout,
        Map<String, String> properties,
        Map<String, String> consumer,
        Map<String, String> producer) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap_servers must not be empty");
        }
        clientId = clientId == null ? "" : clientId;
        topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
        new Topics(topicPrefix); // validates the prefix
        instanceId = instanceId == null ? "" : instanceId;
        if (transactionTimeout == null || transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException("transaction_timeout must be positive");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings("localhost:9092", "", Topics.DEFAULT_PREFIX, "", true, Duration.ofSeconds(60),
                Map.of(), Map.of(), Map.of());
    }

    /** Defaults pointing at the given brokers (tests, the demo). */
    public static KafkaSettings forBootstrap(String bootstrapServers) {
        KafkaSettings d = defaults();
        return new KafkaSettings(bootstrapServers, d.clientId, d.topicPrefix, d.instanceId, d.transactional,
                d.transactionTimeout, d.properties, d.consumer, d.producer);
    }

    public KafkaSettings withInstanceId(String id) {
        return new KafkaSettings(bootstrapServers, clientId, topicPrefix, id, transactional, transactionTimeout,
                properties, consumer, producer);
    }

    public KafkaSettings withTransactional(boolean on) {
        return new KafkaSettings(bootstrapServers, clientId, topicPrefix, instanceId, on, transactionTimeout,
                properties, consumer, producer);
    }

    /** These settings with {@code more} added to (and overriding) the properties every client gets. */
    public KafkaSettings withProperties(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(properties);
        merged.putAll(more);
        return new KafkaSettings(bootstrapServers, clientId, topicPrefix, instanceId, transactional, transactionTimeout,
                merged, consumer, producer);
    }

    public KafkaSettings withTopicPrefix(String prefix) {
        return new KafkaSettings(bootstrapServers, clientId, prefix, instanceId, transactional, transactionTimeout,
                properties, consumer, producer);
    }

    /** The topic catalogue with this prefix. */
    public Topics topics() {
        return new Topics(topicPrefix);
    }

    /**
     * The transactional id of {@code service}'s producer {@code name}: {@code <prefix>.<service>.<name>.<instance id>},
     * so a restarted instance fences its predecessor and aborts the transaction a kill left open.
     */
    public String transactionalId(String service, String name) {
        return topicPrefix + "." + service + "." + name + "." + effectiveInstanceId();
    }

    /** The client id of {@code service}'s clients {@code name}: {@code <client_id or service>-<name>-<instance id>}. */
    public String clientIdOf(String service, String name) {
        return (clientId.isBlank() ? service : clientId) + "-" + name + "-" + effectiveInstanceId();
    }

    /** The instance id, or the host name when none is configured. */
    public String effectiveInstanceId() {
        if (!instanceId.isBlank()) {
            return instanceId;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "local";
            }
        }
        return host;
    }
}
