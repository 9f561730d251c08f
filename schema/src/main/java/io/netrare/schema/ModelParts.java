package io.netrare.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Messages on the models topic bounded by the producer's {@code max.request.size}: a message whose JSON would not
 * fit is split into parts ({@link #split}), each carrying the whole message's envelope, its part number and the
 * part count, and as its state a piece of the whole state's JSON text. A reader puts them together again with an
 * {@link Assembler}, which hands out the message only once every part is in, so a bucket is never joined or
 * restored from part of a delta. Any state splits this way, whatever model wrote it.
 */
public final class ModelParts {

    /** Room left in a record for its key, headers and the record and batch framing, with a wide margin. */
    public static final int FRAMING = 4096;
    /** The smallest budget a split accepts: the envelope alone takes a few hundred bytes. */
    static final int MIN_BUDGET = 1024;

    private ModelParts() {
    }

    /** The largest value a models-topic message may have with producers whose {@code max.request.size} is given. */
    public static int budget(int maxRequestSize) {
        int budget = maxRequestSize - FRAMING;
        if (budget < MIN_BUDGET) {
            throw new IllegalArgumentException("max.request.size " + maxRequestSize + " leaves no room for a model message");
        }
        return budget;
    }

    /**
     * {@code whole} itself when its JSON takes at most {@code maxBytes}; otherwise its parts, in order, the JSON of
     * each at most {@code maxBytes}.
     */
    public static List<ModelSnapshot> split(ModelSnapshot whole, int maxBytes) {
        requireNonNull(whole, "whole is null");
        if (whole.isPart()) {
            throw new IllegalArgumentException("already a part: " + whole.kafkaKey());
        }
        if (Json.write(whole).length <= maxBytes) {
            return List.of(whole);
        }
        String text = Json.writeString(whole.state());
        // the envelope of a part with the widest part numbers it could have and an empty state
        int envelope = Json.write(whole.withState(TextNode.valueOf(""), Integer.MAX_VALUE - 1, Integer.MAX_VALUE)).length;
        int room = maxBytes - envelope;
        if (room < MIN_BUDGET / 2) {
            throw new IllegalArgumentException("a budget of " + maxBytes + " bytes leaves no room for a part of "
                    + whole.kafkaKey());
        }
        List<String> chunks = chunks(text, room);
        List<ModelSnapshot> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(whole.withState(TextNode.valueOf(chunks.get(i)), i, chunks.size()));
        }
        return parts;
    }

    /** Cuts text into pieces whose JSON string form (escaped, in UTF-8) takes at most {@code room} bytes. */
    static List<String> chunks(String text, int room) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int size = 2; // the quotes
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cost;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cost = 12; // Jackson's UTF-8 writer escapes a pair as two 6-byte escapes by default
                width = 2; // never cut a pair
            } else if (c < 0x20) {
                cost = 6;
            } else if (c == '"' || c == '\\') {
                cost = 2;
            } else if (c < 0x80) {
                cost = 1;
            } else if (c < 0x800) {
                cost = 2;
            } else {
                cost = Character.isSurrogate(c) ? 6 : 3;
            }
            if (size + cost > room) {
                out.add(text.substring(start, i));
                start = i;
                size = 2;
            }
            size += cost;
            i += width - 1;
        }
        out.add(text.substring(start));
        return out;
    }

    /**
     * Puts split messages together again, for one reader that reads the models topic in order: the parts of one
     * message are consecutive among their share's messages, since one training instance writes them in one
     * transaction. A part that does not continue its share's pending message (one cut short by compaction, when a
     * newer snapshot with fewer parts replaced the first parts of an older one) is dropped with what was pending, and
     * counted. Holds at most one pending message per share. Not thread-safe.
     */
    public static final class Assembler {

        private static final class Pending {
            final ModelSnapshot first;
            final StringBuilder text = new StringBuilder();
            int next;

            Pending(ModelSnapshot first) {
                this.first = first;
            }

            boolean continuedBy(ModelSnapshot part) {
                return part.part() == next && part.parts() == first.parts() && part.version() == first.version()
                        && part.bucket() == first.bucket() && part.kind().equals(first.kind());
            }
        }

        private final Map<String, Pending> pending = new HashMap<>();
        private long dropped;

        /**
         * The whole message once its last part is in; {@code message} itself when it is not a part; empty while parts
         * are missing, and for a part dropped.
         *
         * @throws Json.MalformedRecordException when the parts put together are not JSON
         */
        public Optional<ModelSnapshot> add(ModelSnapshot message) {
            if (!message.isPart()) {
                return Optional.of(message);
            }
            String share = message.jobId() + "/" + message.modelPartition();
            Pending p = pending.get(share);
            if (p != null && !p.continuedBy(message)) {
                pending.remove(share);
                dropped += p.next;
                p = null;
            }
            if (p == null) {
                if (message.part() != 0) {
                    dropped++;
                    return Optional.empty();
                }
                p = new Pending(message);
                pending.put(share, p);
            }
            p.text.append(message.state().asText());
            p.next++;
            if (p.next < message.parts()) {
                return Optional.empty();
            }
            pending.remove(share);
            return Optional.of(p.first.withState(parse(p.text.toString(), p.first), 0, 0));
        }

        /** Parts dropped so far because their message could not be completed. */
        public long dropped() {
            return dropped;
        }

        /** Shares with a message waiting for parts. */
        public int pending() {
            return pending.size();
        }

        private static JsonNode parse(String text, ModelSnapshot first) {
            try {
                return Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new Json.MalformedRecordException("the " + first.parts() + " parts of " + first.kind() + " "
                        + first.kafkaKey() + " do not make JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
