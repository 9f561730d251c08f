package io.netrare.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wanted {@link EcsField}s as a tree of key segments ({@code host} → {@code os} → {@code type}), so a
 * document's keys are looked up segment by segment, straight from their bytes. A dotted key ({@code "os.type"})
 * walks several segments; an empty segment matches nothing. Segments are ASCII and hold no dot.
 */
final class FieldTrie {

    static final Node ROOT = build();

    private FieldTrie() {
    }

    static final class Node {
        final String name;
        private final byte[] bytes;
        /** The name's length in bytes, kept beside the words so a match needs no look into {@link #bytes}. */
        private final int length;
        private Node[] children = new Node[0];
        private boolean hasChildren;
        /** The first child whose name starts with a byte (ASCII), by that byte; the others follow it in a chain. */
        private final Node[] byFirstByte = new Node[128];
        /** The next child of the same parent whose name starts with the same byte as this one's. */
        private Node sameFirstByte;
        /** The field this path ends at, or null. */
        EcsField field;

        /** The name's first sixteen bytes as two words with masks, compared without a loop (names are short). */
        private final long head;
        private final long headMask;
        private final long tail;
        private final long tailMask;

        private Node(String name) {
            this.name = name;
            this.bytes = name.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            this.length = n;
            this.head = JsonBytes.pack(bytes, 0, Math.min(8, n));
            this.headMask = JsonBytes.lowBytes(n);
            this.tail = n > 8 ? JsonBytes.pack(bytes, 8, Math.min(8, n - 8)) : 0;
            this.tailMask = n > 8 ? JsonBytes.lowBytes(n - 8) : 0;
        }

        /** Whether the key bytes from {@code from} start with this name; {@code w1}, {@code w2}: the words there. */
        private boolean startsAt(byte[] b, int from, boolean words, long w1, long w2) {
            int n = length;
            if (words && n <= 16) {
                return (w1 & headMask) == head && (w2 & tailMask) == tail;
            }
            return JsonBytes.sameBytes(bytes, 0, b, from, n);
        }

        boolean hasChildren() {
            return hasChildren;
        }

        /**
         * The node a key (UTF-8 bytes, no escapes; dotted or not) leads to from here, or null. A segment is found
         * among the children that start with its first byte, as the child's name followed by a dot or the end.
         */
        Node find(byte[] b, int from, int to) {
            Node n = this;
            while (from < to) {
                int first = b[from];
                Node c = first < 0 ? null : n.byFirstByte[first];
                if (c == null) {
                    return null;
                }
                int left = to - from;
                boolean words = from + 16 <= b.length;
                long w1 = words ? JsonBytes.word(b, from) : 0;
                long w2 = words ? JsonBytes.word(b, from + 8) : 0;
                Node match = null;
                for (; c != null; c = c.sameFirstByte) {
                    int len = c.length;
                    if (len <= left && (len == left || b[from + len] == '.') && c.startsAt(b, from, words, w1, w2)) {
                        match = c;
                        break;
                    }
                }
                if (match == null || match.length == left) {
                    return match;
                }
                n = match;
                from += match.length + 1;
            }
            return null; // an empty key or segment
        }

        /** The node a decoded key leads to from here, or null. */
        Node find(String key) {
            Node n = this;
            int from = 0;
            while (true) {
                int dot = key.indexOf('.', from);
                String segment = dot < 0 ? key.substring(from) : key.substring(from, dot);
                n = n.child(segment);
                if (n == null || dot < 0) {
                    return n;
                }
                from = dot + 1;
            }
        }

        private Node child(String segment) {
            for (Node c : children) {
                if (c.name.equals(segment)) {
                    return c;
                }
            }
            return null;
        }

        private Node add(String segment) {
            Node c = child(segment);
            if (c == null) {
                c = new Node(segment);
                children = Arrays.copyOf(children, children.length + 1);
                children[children.length - 1] = c;
                hasChildren = true;
                Node same = byFirstByte[c.bytes[0]];
                if (same == null) {
                    byFirstByte[c.bytes[0]] = c;
                } else {
                    while (same.sameFirstByte != null) {
                        same = same.sameFirstByte;
                    }
                    same.sameFirstByte = c;
                }
            }
            return c;
        }
    }

    private static Node build() {
        Node root = new Node("");
        for (EcsField f : EcsField.values()) {
            Node n = root;
            for (String segment : f.path.split("\\.")) {
                n = n.add(segment);
            }
            n.field = f;
        }
        return root;
    }
}
