package io.netrare.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each limit breach is a rejection with its own reason, and the records around it still go through. */
class LimitsTest {

    private static String doc(String timestamp, String process) {
        return "{\"@timestamp\":\"" + timestamp + "\",\"event\":{\"action\":\"connection_attempted\",\"category\":[\"network\"],"
                + "\"type\":[\"start\"],\"module\":\"endpoint\"},\"host\":{\"name\":\"h\",\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"" + process + "\"},\"destination\":{\"ip\":\"8.8.8.8\",\"port\":53}}";
    }

    @Test
    void aForgedFutureTimestampIsRejected() {
        // the clock is 2026-11-28T04:00Z; 5 minutes of skew are allowed
        Harness.Result r = Harness.run(IngestConfig.defaults(), doc("2026-11-28T04:04:59Z", "ok") + "\n"
                + doc("2026-11-28T04:05:01Z", "late") + "\n" + doc("2099-01-01T00:00:00Z", "forged") + "\n");
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.TIMESTAMP_IN_FUTURE)).isEqualTo(2);
    }

    @Test
    void aTimestampTooFarInThePastIsRejectedWhenTheLimitIsOn() {
        String input = doc("2026-10-29T04:00:01Z", "recent") + "\n" + doc("2026-10-28T00:00:00Z", "old") + "\n";
        Harness.Result r = Harness.run(IngestConfig.defaults(), input); // default: 30 days
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.TIMESTAMP_TOO_OLD)).isEqualTo(1);
        assertThat(Harness.run(Harness.replayConfig(), input).counts().emitted()).isEqualTo(2);
    }

    @Test
    void oddTimestamps() {
        Harness.Result r = Harness.run(Harness.replayConfig(), doc("yesterday", "a") + "\n" + doc("", "b") + "\n"
                + doc("+999999999-12-31T23:59:59Z", "c") + "\n" + doc("1732752000000", "d") + "\n");
        assertThat(r.counts().rejected(RejectReason.TIMESTAMP_INVALID)).isEqualTo(2);
        assertThat(r.counts().rejected(RejectReason.TIMESTAMP_IN_FUTURE)).isEqualTo(1);
        assertThat(r.counts().emitted()).isEqualTo(1); // epoch milliseconds
    }

    @Test
    void aHugeLineIsRejectedAndTheNextRecordStillParses() {
        IngestConfig c = Harness.replayConfig();
        c = c.withLimits(c.limits().withMaxRecordBytes(1024));
        String huge = "{\"message\":\"" + "x".repeat(10_000) + "\"}";
        Harness.Result r = Harness.run(c, huge + "\n" + doc("2026-11-20T00:00:00Z", "after") + "\n");
        assertThat(r.counts().rejected(RejectReason.RECORD_TOO_LARGE)).isEqualTo(1);
        assertThat(r.rejected().get(0).original()).hasSizeLessThanOrEqualTo(1024);
        assertThat(r.counts().emitted()).isEqualTo(1);
    }

    /** An event whose text fields hold what {@code values} gives by their ECS name. */
    private static io.netrare.schema.NetworkEvent event(java.util.function.Function<String, String> values) {
        return new io.netrare.schema.NetworkEvent(1, java.time.Instant.EPOCH,
                new io.netrare.schema.NetworkEvent.Host(values.apply("host.name"), values.apply("host.id"),
                        new io.netrare.schema.NetworkEvent.Os(values.apply("host.os.type"), values.apply("host.os.family"), null)),
                new io.netrare.schema.NetworkEvent.Process(values.apply("process.name"), values.apply("process.executable"), 1L,
                        values.apply("process.entity_id")),
                new io.netrare.schema.NetworkEvent.User(values.apply("user.name"), values.apply("user.id")),
                new io.netrare.schema.NetworkEvent.Endpoint(values.apply("source.ip"), 1),
                new io.netrare.schema.NetworkEvent.Endpoint(values.apply("destination.ip"), 2),
                new io.netrare.schema.NetworkEvent.Network(values.apply("network.transport"), values.apply("network.direction")),
                new io.netrare.schema.NetworkEvent.Event(values.apply("event.action"), null, null, values.apply("event.module"),
                        values.apply("event.dataset")),
                1, null);
    }

    /** The length check reads every field but the numbers, each of them. */
    @Test
    void theFieldLengthCheckCoversEveryTextField() {
        java.util.Set<String> numbers = java.util.Set.of("process.pid", "source.port", "destination.port");
        java.util.List<String> text = io.netrare.schema.NetworkEvent.SUPPORTED_FIELDS.stream()
                .filter(f -> !numbers.contains(f)).toList();
        IngestPipeline pipeline = new IngestPipeline(IngestConfig.defaults(), java.time.Clock.systemUTC(), "t", o -> { });
        assertThat(pipeline.tooLong(event(f -> null))).isNull();
        for (String longOne : text) {
            io.netrare.schema.NetworkEvent e = event(f -> f.equals(longOne) ? "x".repeat(5000) : f.substring(0, 3));
            assertThat(e.field(longOne)).hasSize(5000);
            assertThat(pipeline.tooLong(e)).as(longOne).isEqualTo(longOne + " has 5000 characters");
        }
    }

    @Test
    void anOverlongFieldIsRejected() {
        Harness.Result r = Harness.run(Harness.replayConfig(), doc("2026-11-20T00:00:00Z", "p".repeat(5000)) + "\n");
        assertThat(r.counts().rejected(RejectReason.FIELD_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void auditLineLengthAndLinesPerEvent() {
        IngestConfig c = Harness.replayConfig();
        c = c.withLimits(new IngestLimits(1 << 20, 512, 3, 4096, Duration.ofMinutes(5), null,
                IngestLimits.MissingTimestamp.REJECT));
        String head = "type=PATH msg=audit(1732752000.100:900): item=0 name=\"/x\"\n";
        String longLine = "type=PATH msg=audit(1732752000.100:901): name=\"" + "y".repeat(1000) + "\"\n";
        Harness.Result r = Harness.run(c, head.repeat(5) + "type=EOE msg=audit(1732752000.100:900):\n" + longLine);
        assertThat(r.counts().rejected(RejectReason.TOO_MANY_LINES)).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.LINE_TOO_LONG)).isEqualTo(1);
        assertThat(r.counts().read()).isEqualTo(2);
    }

    @Test
    void unknownFormatAndInvalidUtf8() {
        byte[] bad = {'t', 'y', 'p', 'e', '=', 'X', ' ', 'm', 's', 'g', '=', 'a', 'u', 'd', 'i', 't', '(', (byte) 0xC3, (byte) 0x28, '\n'};
        Harness.Result r = Harness.run(Harness.replayConfig(), "hello world\n");
        assertThat(r.counts().rejected(RejectReason.UNKNOWN_FORMAT)).isEqualTo(1);
        assertThat(Harness.run(Harness.replayConfig(), bad).counts().rejected(RejectReason.INVALID_ENCODING)).isEqualTo(1);
    }
}
