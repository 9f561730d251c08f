package io.netrare.ingest.files;

import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.ByteSearch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One file a source reads: its identity, an open channel (null once closed), the pipeline its lines go
 * through, and the offset after the last line handed over. A last line without its newline is held (not
 * consumed) until the newline arrives or it has stayed unchanged for the partial-line timeout.
 */
final class TrackedFile {

    final FileIdentity id;
    final long generation;
    Path path;
    FileChannel channel;
    IngestPipeline pipeline;
    long position;
    long readThroughFloor;
    Fingerprint fingerprint;
    boolean gone;
    boolean done;
    Instant lastGrowth;
    long partialLinesTimedOut;
    private long partialAt = -1;
    private long partialLen;
    private Instant partialSince;
    private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    private byte[] line = new byte[8 * 1024];

    TrackedFile(FileIdentity id, long generation, Path path, Instant now) {
        this.id = id;
        this.generation = generation;
        this.path = path;
        this.lastGrowth = now;
    }

    void open() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        partialAt = -1;
    }

    /**
     * The file was truncated: read it again from the start. A partial line held before is forgotten, so its
     * timer does not carry over to a partial line of the new content that happens to start at the same offset
     * with the same length (it would be handed over at once, cut).
     */
    void restartFromTheStart() {
        position = 0;
        readThroughFloor = 0;
        partialAt = -1;
    }

    boolean isOpen() {
        return channel != null;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * Hands complete lines from {@link #position} to the pipeline, at most {@code maxLines}; returns how many.
     * Lines longer than {@code maxLineBytes} are handed over cut and flagged.
     */
    int read(int maxLines, int maxLineBytes, Instant now, Duration partialTimeout) throws IOException {
        long size = channel.size();
        int lines = 0;
        int lineLen = 0;
        boolean truncated = false;
        long lineStart = position;
        long at = position;
        while (lines < maxLines && at < size) {
            chunk.clear();
            int n = channel.read(chunk, at);
            if (n <= 0) {
                break;
            }
            byte[] b = chunk.array();
            int from = 0;
            while (lines < maxLines) {
                int i = ByteSearch.newline(b, from, n);
                if (i < 0) {
                    break;
                }
                int seg = i - from;
                if (lineLen == 0 && !truncated && seg <= maxLineBytes) {
                    hand(b, from, seg, lineStart, false);
                } else {
                    int keep = Math.min(seg, maxLineBytes - lineLen);
                    truncated |= keep < seg;
                    append(b, from, keep, lineLen);
                    lineLen += Math.max(keep, 0);
                    hand(line, 0, lineLen, lineStart, truncated);
                }
                lines++;
                position = at + i + 1;
                lineStart = position;
                lineLen = 0;
                truncated = false;
                from = i + 1;
            }
            if (lines >= maxLines) {
                return lines;
            }
            int rest = n - from;
            int keep = Math.min(rest, maxLineBytes - lineLen);
            truncated |= keep < rest;
            append(b, from, keep, lineLen);
            lineLen += Math.max(keep, 0);
            at += n;
        }
        if (lines < maxLines && lineStart < size) {
            long len = size - lineStart;
            if (partialAt != lineStart || partialLen != len) {
                partialAt = lineStart;
                partialLen = len;
                partialSince = now;
            }
            if (!now.isBefore(partialSince.plus(partialTimeout))) {
                hand(line, 0, lineLen, lineStart, truncated);
                lines++;
                position = size;
                partialAt = -1;
                if (!partialTimeout.isZero()) {
                    partialLinesTimedOut++;
                }
            }
        }
        return lines;
    }

    /**
     * Hands one line to the pipeline. A line that starts before {@link #readThroughFloor} and ends after it was,
     * before a restart, a partial line handed over when its timeout passed (read through its end then), and its
     * rest was written afterwards: it is handed over in the same two parts as it would have been without the
     * restart, so the pipeline skips the part it accounted for (or rebuilds the multi-line JSON document that
     * part opened) and reads the rest as new input, instead of taking the whole line as read before.
     */
    private void hand(byte[] buf, int off, int len, long start, boolean cut) {
        long split = readThroughFloor - start;
        if (split > 0 && split < len) {
            pipeline.line(buf, off, (int) split, start, false);
            pipeline.line(buf, off + (int) split, len - (int) split, readThroughFloor, cut);
        } else {
            pipeline.line(buf, off, len, start, cut);
        }
    }

    /** True while a partial last line is held back. */
    boolean holdsPartialLine() {
        return partialAt >= 0 && partialAt == position;
    }

    private void append(byte[] src, int from, int count, int len) {
        if (count <= 0) {
            return;
        }
        if (len + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, len + count)];
            System.arraycopy(line, 0, bigger, 0, len);
            line = bigger;
        }
        System.arraycopy(src, from, line, len, count);
    }
}
