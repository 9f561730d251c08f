package io.netrare.scoring.stream;

/**
 * What the scoring service commits for one events partition: the last bucket whose records it wrote and
 * how far it had read. Stored as the commit's metadata, {@code scored=<bucket>;pos=<position>}.
 *
 * @param scoredUpTo the last bucket scored, or {@link Long#MIN_VALUE}
 * @param position   one past the last event read; events before it are replays after a restart
 */
public record ScoredPosition(long scoredUpTo, long position) {

    public static final ScoredPosition START = new ScoredPosition(Long.MIN_VALUE, 0);

    private static final String SCORED = "scored=";
    private static final String POS = ";pos=";

    public String encode() {
        return SCORED + scoredUpTo + POS + position;
    }

    /** Reads commit metadata; no metadata, or metadata of another form, is {@link #START}. */
    public static ScoredPosition parse(String metadata) {
        if (metadata == null || !metadata.startsWith(SCORED)) {
            return START;
        }
        int at = metadata.indexOf(POS);
        if (at < 0) {
            throw new IllegalArgumentException("unreadable scoring position '" + metadata + "'");
        }
        return new ScoredPosition(Long.parseLong(metadata.substring(SCORED.length(), at)),
                Long.parseLong(metadata.substring(at + POS.length())));
    }
}
