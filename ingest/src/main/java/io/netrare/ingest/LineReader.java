package io.netrare.ingest;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * Splits a byte stream into lines and tracks each line's byte offset, so positions can be checkpointed.
 * A line longer than the limit is handed over cut to the limit and flagged, and the rest of it is skipped
 * without being buffered: one huge line cannot exhaust memory.
 */
public final class LineReader {

    /** Receives each line without its terminator. */
    public interface LineHandler {
        void line(byte[] buf, int off, int len, long offset, boolean truncated);
    }

    private final InputStream in;
    private final int maxLineBytes;
    private long position;

    public LineReader(InputStream in, int maxLineBytes, long startOffset) {
        this.in = requireNonNull(in, "in is null");
        this.maxLineBytes = maxLineBytes;
        this.position = startOffset;
    }

    /** Offset of the next byte to read: after the last complete line handed over. */
    public long position() {
        return position;
    }

    /** Reads to the end of the stream. */
    public void readAll(LineHandler handler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        byte[] line = new byte[Math.min(maxLineBytes, 8 * 1024)];
        int lineLen = 0;
        boolean truncated = false;
        long lineStart = position;
        long pos = position;
        int n;
        while ((n = in.read(chunk)) > 0) {
            int from = 0;
            int i;
            while ((i = ByteSearch.newline(chunk, from, n)) >= 0) {
                int seg = i - from;
                if (lineLen == 0 && !truncated && seg <= maxLineBytes) {
                    handler.line(chunk, from, seg, lineStart, false); // fast path: whole line in the chunk
                } else {
                    int keep = Math.min(seg, maxLineBytes - lineLen);
                    if (keep < seg) {
                        truncated = true;
                    }
                    line = append(line, lineLen, chunk, from, keep);
                    lineLen += keep;
                    handler.line(line, 0, lineLen, lineStart, truncated);
                }
                pos += seg + 1;
                position = pos;
                lineStart = pos;
                lineLen = 0;
                truncated = false;
                from = i + 1;
            }
            int rest = n - from;
            if (rest > 0) {
                int keep = Math.min(rest, maxLineBytes - lineLen);
                if (keep < rest) {
                    truncated = true;
                }
                line = append(line, lineLen, chunk, from, keep);
                lineLen += keep;
                pos += rest;
            }
        }
        if (lineLen > 0 || truncated) {
            handler.line(line, 0, lineLen, lineStart, truncated);
            position = pos;
        }
    }

    private static byte[] append(byte[] line, int len, byte[] src, int from, int count) {
        if (count <= 0) {
            return line;
        }
        if (len + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, len + count)];
            System.arraycopy(line, 0, bigger, 0, len);
            line = bigger;
        }
        System.arraycopy(src, from, line, len, count);
        return line;
    }
}
