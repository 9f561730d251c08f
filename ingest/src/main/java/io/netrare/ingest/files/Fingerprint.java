package io.netrare.ingest.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file's first bytes (hex), and how many bytes it covers. */
public record Fingerprint(String hash, int length) {

    /** The fingerprint of the first {@code min(maxBytes, size)} bytes. */
    public static Fingerprint of(FileChannel channel, int maxBytes) throws IOException {
        return ofLength(channel, (int) Math.min(maxBytes, channel.size()));
    }

    /** The fingerprint of exactly the first {@code length} bytes, or null when the file is shorter. */
    public static Fingerprint ofLength(FileChannel channel, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long at = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                return null;
            }
            at += n;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buf.array(), 0, length);
            return new Fingerprint(HexFormat.of().formatHex(sha.digest(), 0, 16), length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
