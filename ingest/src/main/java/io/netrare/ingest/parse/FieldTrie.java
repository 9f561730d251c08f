package io.netrare.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wanted {@link EcsField}s as a tree of key segments ({@code host} → {@code os} → {@code type}), so a
 * document's keys are looked up segment by segment, straight from their bytes. A dotted key ({@code "os.type"})
 * walks several segments; an empty segment matches nothing.
 */
final class FieldTrie {

    static final Node ROOT = build();

    private FieldTrie() {
    }

    static final class Node {
        final String name;
        private final byte[] bytes;
        private Node[] children = new Node[0];
        /** The field this path ends at, or null. */
        EcsField field;

        private Node(String name) {
            this.name = name;
            this.bytes = name.getBytes(StandardCharsets.UTF_8);
        }

        boolean hasChildren() {
            return children.length > 0;
        }

        /** The node a key (UTF-8 bytes, no escapes; dotted or not) leads to from here, or null. */
        Node find(byte[] b, int from, int to) {
            Node n = this;
            while (true) {
                int dot = from;
                while (dot < to && b[dot] != '.') {
                    dot++;
                }
                n = n.child(b, from, dot);
                if (n == null || dot == to) {
                    return n;
                }
                from = dot + 1;
            }
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

        private Node child(byte[] b, int from, int to) {
            int len = to - from;
            for (Node c : children) {
                if (c.bytes.length == len && same(c.bytes, b, from)) {
                    return c;
                }
            }
            return null;
        }

        /** A plain loop: segments are a few bytes long, shorter than a vectorized compare pays off for. */
        private static boolean same(byte[] segment, byte[] b, int from) {
            for (int i = 0; i < segment.length; i++) {
                if (segment[i] != b[from + i]) {
                    return false;
                }
            }
            return true;
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
