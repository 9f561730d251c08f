package io.netrare.runtime.bucket;

/**
 * What a share's commit carries across a restart: how far it had read, its latest event time (the
 * watermark's input) and the last bucket it had closed. Restoring {@link EventTimeBuckets} from it makes
 * the events read again land exactly where they landed before. Stored as the commit's metadata string
 * ({@link #encode}), e.g. {@code v2;pos=1200;max=1764547200000;closed=1764546300000}.
 *
 * @param position     one past the last event read before the commit; events before it are replays
 * @param maxEventTime the latest event time placed, or {@link Long#MIN_VALUE}
 * @param lastClosed   the last bucket closed, or {@link Long#MIN_VALUE}
 */
public record SharePosition(long position, long maxEventTime, long lastClosed) {

    /** A share that has read nothing. */
    public static final SharePosition START = new SharePosition(0, Long.MIN_VALUE, Long.MIN_VALUE);

    private static final String V2 = "v2;";
    private static final String LEGACY = "pos=";

    public SharePosition {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
    }

    public String encode() {
        return V2 + "pos=" + position + ";max=" + maxEventTime + ";closed=" + lastClosed;
    }

    /**
     * Reads commit metadata: this encoding, the earlier {@code pos=<n>} form (position only), or
     * nothing ({@link #START}).
     *
     * @throws IllegalArgumentException on metadata in another form
     */
    public static SharePosition parse(String metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return START;
        }
        try {
            if (metadata.startsWith(LEGACY)) {
                return new SharePosition(Long.parseLong(metadata.substring(LEGACY.length())), Long.MIN_VALUE,
                        Long.MIN_VALUE);
            }
            if (metadata.startsWith(V2)) {
                long pos = 0;
                long max = Long.MIN_VALUE;
                long closed = Long.MIN_VALUE;
                for (String field : metadata.substring(V2.length()).split(";")) {
                    int eq = field.indexOf('=');
                    long value = Long.parseLong(field.substring(eq + 1));
                    switch (field.substring(0, eq)) {
                        case "pos" -> pos = value;
                        case "max" -> max = value;
                        case "closed" -> closed = value;
                        default -> throw new IllegalArgumentException("unknown field " + field);
                    }
                }
                return new SharePosition(pos, max, closed);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable share position '" + metadata + "'", e);
        }
        throw new IllegalArgumentException("unreadable share position '" + metadata + "'");
    }
}
