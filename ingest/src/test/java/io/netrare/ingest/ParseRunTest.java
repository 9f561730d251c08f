package io.netrare.ingest;

import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParseRunTest {

    @TempDir
    Path dir;

    private static String doc(int i) {
        return "{\"@timestamp\":\"2026-11-20T10:15:0" + (i % 10) + "Z\",\"event\":{\"action\":\"connection_attempted\","
                + "\"category\":[\"network\"],\"type\":[\"start\"],\"module\":\"endpoint\"},\"host\":{\"name\":\"h\","
                + "\"os\":{\"type\":\"linux\"}},\"process\":{\"name\":\"p" + i + "\"},\"destination\":{\"ip\":\"8.8.8.8\"}}\n";
    }

    private record Output(List<NetworkEvent> events, String err, IngestCounts counts) {
    }

    private Output run(List<String> inputs, Path checkpoint, byte[] stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        IngestCounts counts = new ParseRun(new ParseRun.Options(inputs, Harness.replayConfig(), checkpoint, false),
                Harness.CLOCK).run(new ByteArrayInputStream(stdin), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        List<NetworkEvent> events = Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isBlank()).map(l -> Json.read(l, NetworkEvent.class)).toList();
        return new Output(events, err.toString(StandardCharsets.UTF_8), counts);
    }

    @Test
    void ndjsonOutRejectsAndSummaryOnStderr() throws IOException {
        Path file = dir.resolve("in.ndjson");
        Files.writeString(file, doc(1) + "garbage\n" + doc(2));
        Output o = run(List.of(file.toString()), null, new byte[0]);
        assertThat(o.events()).extracting(e -> e.process().name()).containsExactly("p1", "p2");
        assertThat(o.events().get(0).ingest().source()).isEqualTo(file.toString());
        assertThat(o.err()).contains("rejected unknown_format " + file + "@" + doc(1).length());
        assertThat(o.err()).contains("read 3, emitted 2, filtered 0, rejected 1");
    }

    @Test
    void directoryAndStdin() throws IOException {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/b.ndjson"), doc(2));
        Files.writeString(dir.resolve("d/a.ndjson"), doc(1));
        Output o = run(List.of(dir.resolve("d").toString(), "-"), null, doc(3).getBytes(StandardCharsets.UTF_8));
        assertThat(o.events()).extracting(e -> e.process().name()).containsExactly("p1", "p2", "p3");
        assertThat(o.events().get(2).ingest().source()).isEqualTo("stdin");
    }

    @Test
    void aCheckpointResumesWhereTheLastRunStopped() throws IOException {
        Path file = dir.resolve("grow.ndjson");
        Path checkpoint = dir.resolve("positions.json");
        Files.writeString(file, doc(1) + doc(2) + doc(3));
        assertThat(run(List.of(file.toString()), checkpoint, new byte[0]).events()).hasSize(3);

        Files.writeString(file, doc(4) + doc(5), StandardOpenOption.APPEND);
        Output second = run(List.of(file.toString()), checkpoint, new byte[0]);
        assertThat(second.events()).extracting(e -> e.process().name()).containsExactly("p4", "p5");
        assertThat(run(List.of(file.toString()), checkpoint, new byte[0]).events()).isEmpty();
    }

    @Test
    void anAuditdCheckpointSkipsEventsAlreadyEmitted() throws IOException {
        Path file = dir.resolve("audit.log");
        Path checkpoint = dir.resolve("positions.json");
        String first = "type=SYSCALL msg=audit(1492037289.295:58): arch=c000003e syscall=42 success=yes exit=0 pid=1 uid=0 comm=\"a\" exe=\"/a\"\n"
                + "type=SOCKADDR msg=audit(1492037289.295:58): saddr=02000050A9FEA9FE0000000000000000\n";
        Files.writeString(file, first);
        assertThat(run(List.of(file.toString()), checkpoint, new byte[0]).events()).hasSize(1);
        // a straggler for the emitted serial, then a new event
        Files.writeString(file, "type=EOE msg=audit(1492037289.295:58):\n"
                + first.replace(":58)", ":59)").replace("comm=\"a\"", "comm=\"b\""), StandardOpenOption.APPEND);
        Output second = run(List.of(file.toString()), checkpoint, new byte[0]);
        assertThat(second.events()).extracting(e -> e.process().name()).containsExactly("b");
        assertThat(second.counts().rejected(RejectReason.LATE_AUDIT_RECORD)).isEqualTo(1);
    }

    @Test
    void followReadsWhatIsAppendedUntilInterrupted() throws Exception {
        Path file = dir.resolve("live.ndjson");
        Path checkpoint = dir.resolve("follow.json");
        Files.writeString(file, doc(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseRun.Options options = new ParseRun.Options(List.of(file.toString()), Harness.replayConfig(), checkpoint, false,
                io.netrare.ingest.files.FollowSettings.defaults().withEnabled(true).withPollInterval(java.time.Duration.ofMillis(20)),
                null);
        Thread t = new Thread(() -> new ParseRun(options, java.time.Clock.systemUTC())
                .run(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        t.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("\"p1\""));
            Files.writeString(file, doc(2), StandardOpenOption.APPEND);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> out.toString(StandardCharsets.UTF_8).contains("\"p2\""));
        } finally {
            t.interrupt();
            t.join(10_000);
        }
        assertThat(t.isAlive()).isFalse();
        // the positions were saved: a run that reads once finds nothing new
        assertThat(run(List.of(file.toString()), checkpoint, new byte[0]).events()).isEmpty();
    }
}
