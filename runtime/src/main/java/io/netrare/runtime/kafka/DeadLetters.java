package io.netrare.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Builds dead letters: the original key, value and headers, plus exactly these six headers (UTF-8 text):
 * <ul>
 * <li>{@value #TOPIC}: the topic the record came from</li>
 * <li>{@value #PARTITION}: its partition (decimal)</li>
 * <li>{@value #OFFSET}: its offset (decimal)</li>
 * <li>{@value #STAGE}: the processing stage that failed ({@code process} by default)</li>
 * <li>{@value #ERROR_CLASS}: the exception's class name (the cause's, for a {@link StageException})</li>
 * <li>{@value #ERROR_REASON}: the exception's message, at most 1000 characters</li>
 * </ul>
 * A dead letter that would not fit the producer's {@code max.request.size} is trimmed ({@link #fit}): its value
 * is cut, and {@value #ORIGINAL_SIZE} says how many bytes the original value had.
 */
public final class DeadLetters {

    public static final String TOPIC = "netrare.dlq.topic";
    public static final String PARTITION = "netrare.dlq.partition";
    public static final String OFFSET = "netrare.dlq.offset";
    public static final String STAGE = "netrare.dlq.stage";
    public static final String ERROR_CLASS = "netrare.dlq.error.class";
    public static final String ERROR_REASON = "netrare.dlq.error.reason";
    /** Present only on a trimmed dead letter: the original value's size in bytes (decimal). */
    public static final String ORIGINAL_SIZE = "netrare.dlq.original.size";
    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    static final int MAX_REASON = 1000;
    /** Room left for the record batch and record framing (a few dozen bytes) with a wide margin. */
    private static final int FRAMING = 4096;
    private static final int MAX_KEY = 4096;

    private DeadLetters() {
    }

    /** The dead letter of {@code record}, for {@code dlqTopic}, keyed and partitioned by the original key. */
    public static ProducerRecord<byte[], byte[]> of(String dlqTopic, ConsumerRecord<byte[], byte[]> record,
                                                    String stage, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        headers.add(STAGE, utf8(stage));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_REASON, utf8(reason(error)));
        return new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers);
    }

    /**
     * {@code letter} itself when it fits {@code maxRequestSize}; otherwise a copy whose value is cut to fit
     * (and whose key is cut to {@value #MAX_KEY} bytes), with an {@value #ORIGINAL_SIZE} header.
     */
    public static ProducerRecord<byte[], byte[]> fit(ProducerRecord<byte[], byte[]> letter, int maxRequestSize) {
        byte[] key = letter.key();
        byte[] value = letter.value();
        int headers = 0;
        for (Header h : letter.headers()) {
            headers += h.key().length() * 3 + (h.value() == null ? 0 : h.value().length) + 10;
        }
        int keyLen = key == null ? 0 : key.length;
        int valueLen = value == null ? 0 : value.length;
        if (keyLen + valueLen + headers + FRAMING <= maxRequestSize) {
            return letter;
        }
        byte[] newKey = keyLen > MAX_KEY ? java.util.Arrays.copyOf(key, MAX_KEY) : key;
        int room = maxRequestSize - FRAMING - headers - (newKey == null ? 0 : newKey.length) - 64;
        byte[] newValue = value == null ? null : java.util.Arrays.copyOf(value, Math.max(0, Math.min(valueLen, room)));
        RecordHeaders trimmed = new RecordHeaders();
        for (Header h : letter.headers()) {
            trimmed.add(h.key(), h.value());
        }
        trimmed.add(ORIGINAL_SIZE, utf8(Integer.toString(valueLen)));
        return new ProducerRecord<>(letter.topic(), letter.partition(), letter.timestamp(), newKey, newValue, trimmed);
    }

    /** The {@code max.request.size} the producers of {@code kafka} use. */
    public static int maxRequestSize(KafkaSettings kafka) {
        String v = kafka.producer().getOrDefault("max.request.size", kafka.properties().get("max.request.size"));
        return v == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(v.trim());
    }

    /**
     * The dead letter of input read outside Kafka (a file): {@code origin} names it (a path) in the topic
     * header, {@code partition} is -1 and {@code position} its byte offset.
     */
    public static ProducerRecord<byte[], byte[]> ofExternal(String dlqTopic, String origin, long position, byte[] value,
                                                            String stage, Throwable error) {
        return of(dlqTopic, origin, -1, position, null, value, stage, error);
    }

    /**
     * The dead letter of a part of an input record (or of several records, such as one auditd event assembled
     * from several raw records): its origin, the given key and value, no original headers.
     */
    public static ProducerRecord<byte[], byte[]> of(String dlqTopic, String originTopic, int partition, long offset,
                                                    byte[] key, byte[] value, String stage, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TOPIC, utf8(originTopic));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        headers.add(STAGE, utf8(stage));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_REASON, utf8(reason(error)));
        return new ProducerRecord<byte[], byte[]>(dlqTopic, null, key, value, headers);
    }

    static String reason(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
