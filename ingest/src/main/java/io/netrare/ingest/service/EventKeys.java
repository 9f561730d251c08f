package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.EntityKey;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Kafka key of an event on the events topic: its entity key under the job, as UTF-8 bytes (null for an
 * event without one). The bytes of the entities seen lately are kept, so a fleet's recurring entities cost no
 * new string and array per event; the table is emptied when it grows past a bound. Not thread-safe.
 */
final class EventKeys {

    private static final int MAX_ENTRIES = 16_384;

    private final IngestConfig config;
    private final Map<EntityKey, byte[]> bytes = new HashMap<>();

    EventKeys(IngestConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    byte[] of(NetworkEvent event) {
        EntityKey key = config.job().entityKey(event);
        if (key == null) {
            return null;
        }
        byte[] b = bytes.get(key);
        if (b == null) {
            if (bytes.size() >= MAX_ENTRIES) {
                bytes.clear();
            }
            b = key.kafkaKey().getBytes(StandardCharsets.UTF_8);
            bytes.put(key, b);
        }
        return b;
    }
}
