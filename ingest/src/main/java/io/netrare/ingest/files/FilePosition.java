package io.netrare.ingest.files;

/**
 * Where a file stands, as checkpointed with the events read from it (keyed by {@link FileIdentity#key()}).
 *
 * @param path              where the file was last seen (for people; the key identifies it)
 * @param offset            byte offset to resume reading from: the first line of the oldest event still open
 * @param readThrough       byte offset up to which every line was read and accounted for; lines between
 *                          {@code offset} and here are read again only to rebuild open auditd events
 * @param auditSequence     the last auditd serial emitted, or -1
 * @param fingerprint       hash of the file's first {@code fingerprintLength} bytes
 * @param fingerprintLength how many bytes the fingerprint covers (fewer than configured while the file is short)
 * @param done              read to its end once (a source that does not follow files skips it next time)
 */
public record FilePosition(String path, long offset, long readThrough, long auditSequence, String fingerprint,
                           int fingerprintLength, boolean done) {

    public static FilePosition start(String path, Fingerprint fingerprint) {
        return new FilePosition(path, 0, 0, -1, fingerprint.hash(), fingerprint.length(), false);
    }
}
