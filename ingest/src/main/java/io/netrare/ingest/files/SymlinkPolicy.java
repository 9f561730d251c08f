package io.netrare.ingest.files;

/** What a file source does with a symbolic link its patterns match. */
public enum SymlinkPolicy {
    /**
     * Read the link's target. Files are identified by the target's device and inode, so a target reached
     * through several links (or a link and its own path) is read once.
     */
    FOLLOW,
    /** Ignore symbolic links; only regular files are read. */
    SKIP
}
