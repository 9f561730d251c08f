package io.netrare.runtime.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * Tuning and failure handling of one consume-process-produce loop.
 *
 * @param groupId        consumer group; empty means {@code <topic_prefix>.<service>}
 * @param maxPollRecords records per batch (one transaction per batch)
 * @param pollTimeout    longest wait in poll; also bounds the tick period when idle
 * @param failurePolicy  policy of the default stage ({@code process}) and of stages not listed below
 * @param stagePolicies  policy per named stage (see {@link StageException})
 * @param retry          backoff for retriable errors
 * @param commitInterval longest a transaction (or offset commit) stays open across polls under load; a poll
 *                       that returns nothing commits at once
 */
public record LoopSettings(
        String groupId,
        int maxPollRecords,
        Duration pollTimeout,
        FailurePolicy failurePolicy,
        Map<String, FailurePolicy> stagePolicies,
        RetrySettings retry,
        Duration commitInterval) {

    public LoopSettings {
        groupId = groupId == null ? "" : groupId;
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("max_poll_records must be >= 1, got " + maxPollRecords);
        }
        if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("poll_timeout must be in [0, 1m]");
        }
        failurePolicy = failurePolicy == null ? FailurePolicy.DEAD_LETTER : failurePolicy;
        stagePolicies = stagePolicies == null ? Map.of() : Map.copyOf(stagePolicies);
        retry = retry == null ? RetrySettings.defaults() : retry;
        commitInterval = commitInterval == null ? DEFAULT_COMMIT_INTERVAL : commitInterval;
        if (commitInterval.isNegative() || commitInterval.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("commit_interval must be in [0, 10s]");
        }
    }

    /** Keeps interim records well under a second from event to reader, with the commit's own time. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);


    public static LoopSettings defaults() {
        return new LoopSettings("", 2000, Duration.ofMillis(100), FailurePolicy.DEAD_LETTER, Map.of(), RetrySettings.defaults(),
                DEFAULT_COMMIT_INTERVAL);
    }

    public FailurePolicy policyFor(String stage) {
        return stagePolicies.getOrDefault(stage, failurePolicy);
    }

    public LoopSettings withFailurePolicy(FailurePolicy policy) {
        return new LoopSettings(groupId, maxPollRecords, pollTimeout, policy, stagePolicies, retry, commitInterval);
    }

    public LoopSettings withRetry(RetrySettings r) {
        return new LoopSettings(groupId, maxPollRecords, pollTimeout, failurePolicy, stagePolicies, r, commitInterval);
    }

    public LoopSettings withMaxPollRecords(int n) {
        return new LoopSettings(groupId, n, pollTimeout, failurePolicy, stagePolicies, retry, commitInterval);
    }

    public LoopSettings withCommitInterval(Duration d) {
        return new LoopSettings(groupId, maxPollRecords, pollTimeout, failurePolicy, stagePolicies, retry, d);
    }

    public LoopSettings withGroupId(String id) {
        return new LoopSettings(id, maxPollRecords, pollTimeout, failurePolicy, stagePolicies, retry, commitInterval);
    }
}
