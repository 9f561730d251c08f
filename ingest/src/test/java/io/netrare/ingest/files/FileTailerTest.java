package io.netrare.ingest.files;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow mode on real files with a hand-moved clock: every line written comes out once. */
class FileTailerTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T04:00:00Z"));
    final Map<String, FilePosition> committed = new HashMap<>();
    final List<Long> pids = new ArrayList<>();
    final FollowSettings follow = FollowSettings.defaults().withEnabled(true).withPollInterval(Duration.ofMillis(100))
            .withPartialLineTimeout(Duration.ofSeconds(5)).withCloseInactive(Duration.ofMinutes(1));

    static IngestConfig config() {
        IngestConfig d = IngestConfig.defaults();
        return d.withLimits(d.limits().withMaxPast(null));
    }

    /** An ECS network start whose process.pid is {@code pid}: the line's identity in the output. */
    static String line(long pid) {
        return "{\"@timestamp\":\"2026-11-28T03:00:00Z\",\"event\":{\"category\":[\"network\"],\"type\":[\"start\"],"
                + "\"action\":\"connection_attempted\"},\"host\":{\"name\":\"h\",\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"curl\",\"pid\":" + pid + "},\"destination\":{\"ip\":\"93.184.216.34\",\"port\":443}}\n";
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        IntStream.range(from, to).forEach(i -> sb.append(line(i)));
        return sb.toString();
    }

    FileTailer tailer(List<Path> patterns) {
        return new FileTailer(patterns, follow, config(), clock, committed);
    }

    /** Polls until a poll reads nothing, moving the clock past the poll interval each time; commits positions. */
    void drain(FileTailer t) {
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(150));
            FileTailer.Batch b = t.poll(7);
            commit(b);
            if (b.lines() == 0 && b.outcomes().isEmpty()) {
                return;
            }
        }
        throw new AssertionError("never idle");
    }

    void commit(FileTailer.Batch b) {
        for (FileTailer.Read r : b.outcomes()) {
            assertThat(r.outcome()).isInstanceOf(Outcome.Emitted.class);
            pids.add(((Outcome.Emitted) r.outcome()).event().process().pid());
        }
        committed.putAll(b.positions());
    }

    List<Long> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> (long) i).toList();
    }

    @Test
    void appendRotateByRenameCopytruncateTruncateAndPartialLines() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, lines(0, 20));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
            assertThat(pids).isEqualTo(range(0, 20));

            append(log, lines(20, 30)); // growing
            drain(t);
            assertThat(pids).isEqualTo(range(0, 30));

            // rotation by rename: lines still written to the old file after the rename come before the new file's
            Files.move(log, dir.resolve("audit.log.1"));
            append(dir.resolve("audit.log.1"), lines(30, 35));
            append(log, lines(35, 40));
            drain(t);
            assertThat(pids).isEqualTo(range(0, 40));

            // copytruncate: copy, truncate in place, go on writing
            Files.copy(log, dir.resolve("audit.log.2"), StandardCopyOption.REPLACE_EXISTING);
            try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            append(log, lines(40, 42));
            drain(t);
            assertThat(pids).isEqualTo(range(0, 42));

            // a partial line: held until its newline
            String next = line(42);
            append(log, next.substring(0, 30));
            drain(t);
            assertThat(pids).hasSize(42);
            append(log, next.substring(30));
            drain(t);
            assertThat(pids).isEqualTo(range(0, 43));

            // a partial line that never gets its newline: read after the timeout
            append(log, line(43).stripTrailing());
            drain(t);
            assertThat(pids).hasSize(43);
            clock.advance(Duration.ofSeconds(6));
            drain(t);
            assertThat(pids).isEqualTo(range(0, 44));
            assertThat(t.stats().truncations()).isEqualTo(1);
            assertThat(t.stats().rotations()).isEqualTo(1);
        }
    }

    @Test
    void aRestartFromCommittedPositionsReadsNothingTwiceAndARenamedFilesRestIsNotLost() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, lines(0, 10));
        try (FileTailer t = tailer(List.of(dir.resolve("app.log*")))) {
            drain(t);
        }
        // while stopped: more lines, a rotation by rename, a new file
        append(log, lines(10, 15));
        Files.move(log, dir.resolve("app.log.1"));
        append(log, lines(15, 18));
        try (FileTailer t = tailer(List.of(dir.resolve("app.log*")))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(range(0, 18));
    }

    @Test
    void aCrashBeforeTheCommitReadsTheBatchAgain() throws IOException {
        Path log = dir.resolve("a.log");
        append(log, lines(0, 10));
        try (FileTailer t = tailer(List.of(log))) {
            clock.advance(Duration.ofSeconds(1));
            commit(t.poll(4));
            t.poll(4); // read, never committed
        }
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(range(0, 10));
    }

    /**
     * A partial line read when its timeout passed opens a multi-line JSON document; its rest, written after a
     * restart, completes it: the restart must not take the whole line as read before it.
     */
    @Test
    void aPartialLineReadAfterItsTimeoutAndCompletedAfterARestartIsNotLost() throws IOException {
        Path log = dir.resolve("a.log");
        String partial = line(1);
        int cut = partial.indexOf(",\"event\"") + 1; // between two members: the two parts make one document
        append(log, line(0) + partial.substring(0, cut));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
            clock.advance(Duration.ofSeconds(6));
            drain(t);
            assertThat(t.stats().partialLinesTimedOut()).isEqualTo(1);
        }
        assertThat(pids).isEqualTo(range(0, 1));
        append(log, partial.substring(cut) + line(2));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(range(0, 3));
    }

    /**
     * The documented limit: a line read cut, then copytruncated before its rest is read, is one event (from the
     * copy) and its cut start a dead letter (closed by the truncation); nothing is lost.
     */
    @Test
    void aLineReadCutThenCopytruncatedIsOneEventAndADeadLetter() throws IOException {
        Path log = dir.resolve("a.log");
        append(log, line(0).substring(0, 1));
        List<Outcome> out = new ArrayList<>();
        try (FileTailer t = tailer(List.of(dir.resolve("a.log*")))) {
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(6));
                t.poll(7).outcomes().forEach(r -> out.add(r.outcome()));
            }
            append(log, line(0).substring(1) + line(1));
            Files.copy(log, dir.resolve("a.log.1"));
            try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            for (int i = 0; i < 20; i++) {
                clock.advance(Duration.ofMillis(150));
                t.poll(7).outcomes().forEach(r -> out.add(r.outcome()));
            }
        }
        assertThat(out.stream().filter(o -> o instanceof Outcome.Emitted)
                .map(o -> ((Outcome.Emitted) o).event().process().pid())).containsExactly(0L, 1L);
        assertThat(out.stream().filter(o -> !(o instanceof Outcome.Emitted))).singleElement()
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.detail()).isEqualTo("JSON document not closed"));
    }

    /**
     * A partial line held when the file is truncated: a partial line of the new content at the same offset and
     * of the same length is a new one, held for the whole timeout (not handed over cut at once).
     */
    @Test
    void aPartialLineTimerDoesNotOutliveATruncation() throws IOException {
        Path log = dir.resolve("a.log");
        append(log, line(0) + line(1).substring(0, 1));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
            clock.advance(Duration.ofSeconds(4));
            drain(t);
            append(log, line(1).substring(1));
            Files.copy(log, dir.resolve("a.log.1"));
            try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            drain(t);
            clock.advance(Duration.ofSeconds(4));
            append(log, line(2) + line(3).substring(0, 1)); // the same length as line 0: a partial line at the same offset
            drain(t);
            assertThat(t.stats().partialLinesTimedOut()).isZero();
        }
        append(log, line(3).substring(1));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(List.of(0L, 2L, 3L));
    }

    @Test
    void aReusedInodeWithOtherContentStartsOver() throws IOException {
        Path log = dir.resolve("b.log");
        append(log, lines(0, 5));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
        }
        // same inode, other first bytes (truncated and rewritten while stopped)
        try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, lines(100, 108));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(concat(range(0, 5), range(100, 108)));
    }

    @Test
    void symlinksAreFollowedOnceOrSkippedAndGlobsMatchSegments() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("x.log");
        append(real, lines(0, 3));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/x.log"), real);
        Files.createDirectories(dir.resolve("real/sub"));
        append(dir.resolve("real/sub/y.log"), lines(10, 12));
        append(dir.resolve("real/z.txt"), lines(20, 21));

        try (FileTailer t = tailer(List.of(dir.resolve("links/*.log"), dir.resolve("real/*.log")))) {
            drain(t);
        }
        assertThat(pids).isEqualTo(range(0, 3)); // the link and its target are one file; sub/ and .txt do not match
        pids.clear();
        committed.clear();
        try (FileTailer t = new FileTailer(List.of(dir.resolve("links/*.log"), dir.resolve("real/*/*.log")),
                follow.withSymlinks(SymlinkPolicy.SKIP), config(), clock, committed)) {
            drain(t);
        }
        assertThat(pids).isEqualTo(range(10, 12));
    }

    @Test
    void anIdleFileIsClosedAndOpenedAgainWhenItGrows() throws IOException {
        Path log = dir.resolve("c.log");
        append(log, lines(0, 2));
        try (FileTailer t = tailer(List.of(log))) {
            drain(t);
            assertThat(t.openFiles()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(2));
            drain(t);
            assertThat(t.openFiles()).isZero();
            append(log, lines(2, 4));
            drain(t);
            assertThat(t.openFiles()).isEqualTo(1);
        }
        assertThat(pids).isEqualTo(range(0, 4));
    }

    @Test
    void withoutFollowEveryFileIsReadOnceToItsEnd() throws IOException {
        Path log = dir.resolve("d.log");
        append(log, lines(0, 3) + line(3).stripTrailing()); // no newline at the end: read at once
        try (FileTailer t = new FileTailer(List.of(dir), FollowSettings.defaults(), config(), clock, committed)) {
            while (!t.finished()) {
                commit(t.poll(2));
            }
        }
        try (FileTailer t = new FileTailer(List.of(dir), FollowSettings.defaults(), config(), clock, committed)) {
            commit(t.poll(2));
            assertThat(t.finished()).isTrue();
        }
        assertThat(pids).isEqualTo(range(0, 4));
    }

    static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
