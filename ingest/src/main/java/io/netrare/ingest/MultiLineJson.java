package io.netrare.ingest;

import java.util.Arrays;

/**
 * Joins a pretty-printed JSON document spread over several lines (as Elastic's sample and _meta files are)
 * into one record. A line starting a document whose braces do not balance opens a document; following
 * lines join it until they do. A new unindented '{' line while a document is open means the open one was
 * truncated: it is handed back to be rejected, so one cut NDJSON line cannot swallow the records after it.
 * Content beyond the record limit is counted, not kept.
 */
final class MultiLineJson {

    private final int maxBytes;
    private byte[] buf = new byte[0];
    private int len;
    private boolean oversize;
    private long startOffset = -1;
    private int depth;
    private boolean inString;
    private boolean escaped;

    MultiLineJson(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean open() {
        return startOffset >= 0;
    }

    long startOffset() {
        return startOffset;
    }

    boolean oversize() {
        return oversize;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    /** Depth change of a line on its own, from a clean state: > 0 when the line opens a document. */
    static int balance(byte[] b, int off, int end) {
        MultiLineJson probe = new MultiLineJson(0);
        probe.scan(b, off, end);
        return probe.inString ? Integer.MAX_VALUE : probe.depth;
    }

    void start(byte[] b, int off, int end, long offset) {
        reset();
        startOffset = offset;
        append(b, off, end);
    }

    /** Adds a line; true when the document is complete. */
    boolean add(byte[] b, int off, int end) {
        append(b, off, end);
        return depth <= 0 && !inString;
    }

    void reset() {
        len = 0;
        oversize = false;
        startOffset = -1;
        depth = 0;
        inString = false;
        escaped = false;
        if (buf.length > 64 * 1024) {
            buf = new byte[0];
        }
    }

    private void append(byte[] b, int off, int end) {
        scan(b, off, end);
        int n = end - off + 1;
        if (oversize || len + n > maxBytes) {
            oversize = true;
            return;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, end - off);
        len += end - off;
        buf[len++] = '\n';
    }

    private void scan(byte[] b, int off, int end) {
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
