package io.netrare.ingest.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A file's device and inode: what stays the same when it is renamed, and changes when a new file is created. */
public record FileIdentity(long device, long inode) {

    /** The identity of the file at {@code path} (of its target, for a symbolic link). */
    public static FileIdentity of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
        return new FileIdentity(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
    }

    /** The checkpoint key: {@code <device>:<inode>}. */
    public String key() {
        return device + ":" + inode;
    }

    /**
     * True for a key a file source wrote: {@code <device>:<inode>}, or {@code <device>:<inode>@<fingerprint>} for
     * where a truncated file stood (older checkpoints were keyed by path).
     */
    public static boolean isKey(String key) {
        return key.matches("\\d+:\\d+(@[0-9a-f]+)?");
    }
}
