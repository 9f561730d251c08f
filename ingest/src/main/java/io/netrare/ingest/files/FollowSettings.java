package io.netrare.ingest.files;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a file source follows its files, like a log shipper (Filebeat's filestream, Fluent Bit's tail).
 *
 * @param enabled            follow growing files and rotations; false reads each file once to its end
 * @param pollInterval       how often files are checked for new data and patterns expanded again when idle
 * @param partialLineTimeout a last line without its newline is held this long, then read as it is
 * @param closeInactive      a file that has not grown for this long is closed (reopened when it grows again)
 * @param symlinks           what to do with symbolic links the patterns match
 * @param fingerprintBytes   bytes at the start of a file whose hash, with device and inode, identifies it
 *                           (a reused inode with other content starts from the beginning)
 */
public record FollowSettings(boolean enabled, Duration pollInterval, Duration partialLineTimeout, Duration closeInactive,
                             SymlinkPolicy symlinks, int fingerprintBytes) {

    public FollowSettings {
        requireNonNull(pollInterval, "poll_interval is null");
        requireNonNull(partialLineTimeout, "partial_line_timeout is null");
        requireNonNull(closeInactive, "close_inactive is null");
        requireNonNull(symlinks, "symlinks is null");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll_interval must be > 0");
        }
        if (partialLineTimeout.isNegative() || closeInactive.isNegative()) {
            throw new IllegalArgumentException("partial_line_timeout and close_inactive must be >= 0");
        }
        if (fingerprintBytes < 1 || fingerprintBytes > 1 << 20) {
            throw new IllegalArgumentException("fingerprint_bytes must be in [1, 1048576]");
        }
    }

    /** Read once; when following: 250 ms polls, 5 s for a partial line, close after 5 min idle, follow links, 1 KiB. */
    public static FollowSettings defaults() {
        return new FollowSettings(false, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(5),
                SymlinkPolicy.FOLLOW, 1024);
    }

    public FollowSettings withEnabled(boolean on) {
        return new FollowSettings(on, pollInterval, partialLineTimeout, closeInactive, symlinks, fingerprintBytes);
    }

    public FollowSettings withPollInterval(Duration d) {
        return new FollowSettings(enabled, d, partialLineTimeout, closeInactive, symlinks, fingerprintBytes);
    }

    public FollowSettings withPartialLineTimeout(Duration d) {
        return new FollowSettings(enabled, pollInterval, d, closeInactive, symlinks, fingerprintBytes);
    }

    public FollowSettings withCloseInactive(Duration d) {
        return new FollowSettings(enabled, pollInterval, partialLineTimeout, d, symlinks, fingerprintBytes);
    }

    public FollowSettings withSymlinks(SymlinkPolicy p) {
        return new FollowSettings(enabled, pollInterval, partialLineTimeout, closeInactive, p, fingerprintBytes);
    }
}
