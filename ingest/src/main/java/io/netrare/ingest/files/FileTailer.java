package io.netrare.ingest.files;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.parse.EcsParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads the files that path patterns match, the way a log shipper does: each {@link #poll} expands the
 * patterns (at most once per poll interval), reads new lines from every tracked file, oldest file first, and
 * returns what came of them together with the files' new positions, for the caller to commit atomically.
 *
 * <p>Files are tracked by device and inode ({@link FileIdentity}) with a fingerprint of their first bytes:
 * <ul>
 * <li>rotation by rename: the renamed file keeps its identity and is read to its end (and then closed when no
 * pattern matches it any more) before the new file at the old path, which is younger;</li>
 * <li>truncation (copytruncate, or a plain truncate) is a file shorter than its position, or whose first bytes
 * changed: it is read again from the start. A copy that a pattern matches and whose first bytes are those of a
 * truncated file is read from where the truncated file stood;</li>
 * <li>a reused inode with other first bytes is a new file;</li>
 * <li>a file that has not grown for the close-inactive time is closed, and opened again when it grows.</li>
 * </ul>
 * Without follow mode, every file is read once to its end. Not thread-safe: one poller.
 */
public final class FileTailer implements AutoCloseable {

    /** One outcome and the file it came from. */
    public record Read(String file, Outcome outcome) {
    }

    /**
     * What one poll produced: outcomes, new positions (by identity key; a null value deletes a key), lines
     * and bytes read.
     */
    public record Batch(List<Read> outcomes, Map<String, FilePosition> positions, int lines, long bytes) {
        public boolean isEmpty() {
            return outcomes.isEmpty() && positions.isEmpty();
        }
    }

    /** Counters of what the tailer noticed, for metrics. */
    public record Stats(long rotations, long truncations, long partialLinesTimedOut, long filesClosed) {
    }

    private final List<Path> patterns;
    private final FollowSettings follow;
    private final IngestConfig config;
    private final Clock clock;
    private final Map<String, FilePosition> positions;
    private final Map<FileIdentity, TrackedFile> tracked = new LinkedHashMap<>();
    /** Where truncated files stood, keyed {@code <identity>@<fingerprint>}: a matching copy resumes there. */
    private final LinkedHashMap<String, FilePosition> ghosts = new LinkedHashMap<>();
    /** Ghosts added or removed (null) since the last batch, committed with it. */
    private final Map<String, FilePosition> ghostChanges = new LinkedHashMap<>();
    private List<Read> outcomes = new ArrayList<>();
    private final Set<TrackedFile> dirty = new LinkedHashSet<>();
    private Instant lastScan = Instant.MIN;
    private long generations;
    private long rotations;
    private long truncations;
    private long partialTimeouts;
    private long closed;
    private static final int MAX_GHOSTS = 64;
    private boolean scannedOnce;
    /** One ECS parser for every file's pipeline (one poller thread), not one per file. */
    private final EcsParser ecs = new EcsParser();

    /** Told of each outcome as it is read, on the polling thread (see the constructor). */
    private final java.util.function.Consumer<Read> onRead;

    /**
     * @param restored positions read back from the checkpoint store, by {@link FileIdentity#key()}
     */
    public FileTailer(List<Path> patterns, FollowSettings follow, IngestConfig config, Clock clock,
                      Map<String, FilePosition> restored) {
        this(patterns, follow, config, clock, restored, read -> { });
    }

    /**
     * @param restored positions read back from the checkpoint store, by {@link FileIdentity#key()}
     * @param onRead   told of each outcome as its line is parsed, in order, before the poll returns it in its batch:
     *                 a caller that encodes events does it while they are still in the CPU's cache
     */
    public FileTailer(List<Path> patterns, FollowSettings follow, IngestConfig config, Clock clock,
                      Map<String, FilePosition> restored, java.util.function.Consumer<Read> onRead) {
        this.onRead = requireNonNull(onRead, "onRead is null");
        this.patterns = List.copyOf(patterns);
        this.follow = requireNonNull(follow, "follow is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.positions = new HashMap<>();
        restored.forEach((key, p) -> {
            if (p != null) {
                (key.indexOf('@') >= 0 ? ghosts : positions).put(key, p);
            }
        });
    }

    /** Reads up to {@code maxLines} lines (at least one poll's worth of housekeeping is always done). */
    public Batch poll(int maxLines) {
        Instant now = clock.instant();
        outcomes = new ArrayList<>();
        int lines = 0;
        long bytes = 0;
        try {
            if (!scannedOnce || !now.isBefore(lastScan.plus(follow.pollInterval()))) {
                scan(now);
                lastScan = now;
                scannedOnce = true;
            }
            List<TrackedFile> order = new ArrayList<>(tracked.values());
            order.sort(Comparator.comparingLong(t -> t.generation));
            for (TrackedFile t : order) {
                if (!t.isOpen()) {
                    continue;
                }
                checkTruncated(t); // every poll, also when the line budget is spent: a truncation must not look idle
                if (lines < maxLines) {
                    long before = t.position;
                    Duration partial = follow.enabled() ? follow.partialLineTimeout() : Duration.ZERO;
                    int n = t.read(maxLines - lines, config.limits().maxRecordBytes(), now, partial);
                    lines += n;
                    if (t.position != before) {
                        bytes += Math.max(0, t.position - before);
                        t.lastGrowth = now;
                        dirty.add(t);
                    }
                }
                housekeeping(t, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, FilePosition> changed = new LinkedHashMap<>();
        for (TrackedFile t : dirty) {
            FilePosition p = positionOf(t);
            positions.put(t.id.key(), p);
            changed.put(t.id.key(), p);
        }
        dirty.clear();
        changed.putAll(ghostChanges);
        ghostChanges.clear();
        tracked.values().removeIf(t -> t.gone && !t.isOpen());
        return new Batch(outcomes, changed, lines, bytes);
    }

    /** Without follow mode: true once every matched file has been read to its end. */
    public boolean finished() {
        return !follow.enabled() && scannedOnce && tracked.values().stream().allMatch(t -> t.done);
    }

    public int openFiles() {
        return (int) tracked.values().stream().filter(TrackedFile::isOpen).count();
    }

    public Stats stats() {
        long partial = partialTimeouts + tracked.values().stream().mapToLong(t -> t.partialLinesTimedOut).sum();
        return new Stats(rotations, truncations, partial, closed);
    }

    @Override
    public void close() {
        for (TrackedFile t : tracked.values()) {
            try {
                t.close();
            } catch (IOException e) {
                // closing a read-only channel: nothing to lose
            }
        }
    }

    /** Truncated (shorter than read) or replaced (first bytes changed): read again from the start. */
    private void checkTruncated(TrackedFile t) throws IOException {
        long size = t.size();
        // a file only shrinks when truncated: below its read position or below the bytes its fingerprint covers
        boolean truncated = size < t.position || (t.fingerprint != null && size < t.fingerprint.length());
        if (!truncated && t.fingerprint != null) {
            Fingerprint now = Fingerprint.ofLength(t.channel, t.fingerprint.length());
            truncated = now == null || !now.hash().equals(t.fingerprint.hash());
        }
        if (!truncated) {
            if (t.fingerprint == null || t.fingerprint.length() < follow.fingerprintBytes() && size > t.fingerprint.length()) {
                t.fingerprint = Fingerprint.of(t.channel, follow.fingerprintBytes());
                dirty.add(t);
            }
            return;
        }
        truncations++;
        if (t.fingerprint != null && t.position > 0) {
            addGhost(t.id.key(), positionOf(t));
        }
        t.pipeline.finish(); // the open auditd events were read whole enough: they complete now
        t.pipeline = newPipeline(t);
        t.restartFromTheStart();
        t.fingerprint = Fingerprint.of(t.channel, follow.fingerprintBytes());
        dirty.add(t);
    }

    private void housekeeping(TrackedFile t, Instant now) throws IOException {
        if (!t.isOpen()) {
            return;
        }
        boolean atEnd = t.position >= t.size();
        if (!follow.enabled()) {
            if (atEnd) {
                t.pipeline.finish();
                t.done = true;
                t.close();
                dirty.add(t);
            }
            return;
        }
        if (atEnd) {
            t.pipeline.tick();
        }
        boolean idle = !now.isBefore(t.lastGrowth.plus(follow.closeInactive()));
        if (atEnd && (t.gone || idle)) {
            t.pipeline.finish();
            partialTimeouts += t.partialLinesTimedOut;
            t.partialLinesTimedOut = 0;
            t.close();
            closed++;
            dirty.add(t);
        } else if (atEnd && dirtyAudit(t)) {
            dirty.add(t);
        }
    }

    /** The pipeline emitted something outside a read (an expired auditd event): its position moved. */
    private boolean dirtyAudit(TrackedFile t) {
        FilePosition last = positions.get(t.id.key());
        return last == null || last.offset() != t.pipeline.resumeOffset(t.position)
                || last.auditSequence() != t.pipeline.lastAuditSequence();
    }

    private FilePosition positionOf(TrackedFile t) {
        Fingerprint f = t.fingerprint;
        return new FilePosition(t.path.toString(), t.pipeline.resumeOffset(t.position),
                Math.max(t.position, t.readThroughFloor), t.pipeline.lastAuditSequence(),
                f == null ? "" : f.hash(), f == null ? 0 : f.length(), t.done);
    }

    private IngestPipeline newPipeline(TrackedFile t) {
        String source = t.path.toString();
        return new IngestPipeline(config, clock, source, o -> {
            Read read = new Read(source, o);
            outcomes.add(read);
            onRead.accept(read);
        }, ecs);
    }

    // ---- pattern expansion and discovery

    private void scan(Instant now) throws IOException {
        Map<FileIdentity, Path> seen = new LinkedHashMap<>();
        for (Path pattern : patterns) {
            for (Path p : FilePatterns.expand(pattern)) {
                if (Files.isSymbolicLink(p) && follow.symlinks() == SymlinkPolicy.SKIP) {
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    seen.putIfAbsent(FileIdentity.of(p), p);
                } catch (NoSuchFileException e) {
                    // removed between listing and reading: the next scan decides
                }
            }
        }
        for (TrackedFile t : tracked.values()) {
            Path at = seen.remove(t.id);
            if (at == null) {
                if (!t.gone) {
                    t.gone = true; // renamed out of the patterns, or deleted: read what is left, then close
                    rotations++;
                }
                continue;
            }
            t.path = at;
            if (!t.isOpen() && !t.done && (Files.size(at) != t.position || startChanged(t, at))) {
                reopen(t, now); // grown, shrunk, or rewritten to the same size (copytruncate, then as much again)
            }
        }
        List<Map.Entry<FileIdentity, Path>> fresh = new ArrayList<>(seen.entrySet());
        if (follow.enabled()) {
            // files being read before a restart first; then rotated files (audit.log.2, audit.log.1), older than
            // the live one, oldest first; equal times in reverse name order (audit.log.1 before audit.log)
            fresh.sort(Comparator.comparing((Map.Entry<FileIdentity, Path> e) -> !positions.containsKey(e.getKey().key()))
                    .thenComparing(e -> modified(e.getValue()))
                    .thenComparing(e -> e.getValue().toString(), Comparator.reverseOrder()));
        }
        for (Map.Entry<FileIdentity, Path> e : fresh) {
            start(e.getKey(), e.getValue(), now);
        }
    }

    /** A closed file whose first bytes are no longer those it had when it was read: truncated and written again. */
    private static boolean startChanged(TrackedFile t, Path at) throws IOException {
        Fingerprint was = t.fingerprint;
        if (was == null || was.length() == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(at, StandardOpenOption.READ)) {
            Fingerprint now = Fingerprint.ofLength(channel, was.length());
            return now == null || !now.hash().equals(was.hash());
        } catch (NoSuchFileException e) {
            return false; // gone meanwhile: the next scan decides
        }
    }

    private void start(FileIdentity id, Path path, Instant now) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return;
        }
        long size = channel.size();
        Fingerprint fp = Fingerprint.of(channel, follow.fingerprintBytes());
        if (copyOfATrackedFile(channel)) {
            channel.close();
            return; // a copy of a file still being read (copytruncate before the truncate): wait for the truncate
        }
        TrackedFile t = new TrackedFile(id, generations++, path, now);
        t.channel = channel;
        t.fingerprint = fp;
        t.pipeline = newPipeline(t);
        FilePosition restored = positions.get(id.key());
        if (restored != null && !matches(channel, restored)) {
            addGhost(id.key(), restored); // truncated while no one read it: a copy may still hold its rest
            restored = null;
        }
        if (restored == null) {
            restored = ghostOf(channel);
        }
        if (restored != null && matches(channel, restored)) {
            if (!follow.enabled() && restored.done() && size == restored.readThrough()) {
                t.done = true;
                t.position = size;
                channel.close();
                t.channel = null;
                tracked.put(id, t);
                return;
            }
            t.position = Math.min(restored.offset(), size);
            t.readThroughFloor = restored.readThrough();
            t.pipeline.resumeAfterAuditSequence(restored.auditSequence(), restored.readThrough());
        }
        tracked.put(id, t);
        dirty.add(t);
    }

    private void reopen(TrackedFile t, Instant now) throws IOException {
        t.open();
        FilePosition p = positions.get(t.id.key());
        t.pipeline = newPipeline(t);
        if (p != null) {
            t.pipeline.resumeAfterAuditSequence(p.auditSequence(), p.readThrough());
            t.position = p.offset();
            t.readThroughFloor = p.readThrough();
        }
        t.lastGrowth = now;
    }

    private boolean copyOfATrackedFile(FileChannel channel) throws IOException {
        for (TrackedFile t : tracked.values()) {
            Fingerprint f = t.fingerprint;
            if (!t.gone && f != null && f.length() > 0 && channel.size() >= f.length()) {
                Fingerprint same = Fingerprint.ofLength(channel, f.length());
                if (same != null && same.equals(f)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void addGhost(String identity, FilePosition where) {
        if (where.fingerprintLength() <= 0) {
            return;
        }
        String key = identity + "@" + where.fingerprint();
        ghosts.put(key, where);
        ghostChanges.put(key, where);
        if (ghosts.size() > MAX_GHOSTS) {
            String eldest = ghosts.keySet().iterator().next();
            ghosts.remove(eldest);
            ghostChanges.put(eldest, null);
        }
    }

    private FilePosition ghostOf(FileChannel channel) throws IOException {
        for (Map.Entry<String, FilePosition> e : ghosts.entrySet()) {
            FilePosition g = e.getValue();
            if (matches(channel, g)) {
                ghosts.remove(e.getKey());
                ghostChanges.put(e.getKey(), null);
                return new FilePosition(g.path(), g.offset(), g.readThrough(), g.auditSequence(), g.fingerprint(),
                        g.fingerprintLength(), false);
            }
        }
        return null;
    }

    private static boolean matches(FileChannel channel, FilePosition p) throws IOException {
        if (p.fingerprintLength() <= 0 || channel.size() < p.fingerprintLength()) {
            return p.fingerprintLength() <= 0 && p.fingerprint().isEmpty();
        }
        Fingerprint f = Fingerprint.ofLength(channel, p.fingerprintLength());
        return f != null && f.hash().equals(p.fingerprint());
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
