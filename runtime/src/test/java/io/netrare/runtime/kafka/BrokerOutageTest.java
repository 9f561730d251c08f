package io.netrare.runtime.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerOutageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void timeoutsAndRetriableErrorsAreOutagesAnywhereInTheCauseChain() {
        assertThat(BrokerOutage.recoverable(new TimeoutException("t"), Duration.ZERO, TIMEOUT, false)).isTrue();
        assertThat(BrokerOutage.recoverable(new KafkaException("wrapped", new TimeoutException("t")), Duration.ZERO, TIMEOUT, false)).isTrue();
        assertThat(BrokerOutage.recoverable(new NotLeaderOrFollowerException("n"), Duration.ZERO, TIMEOUT, false)).isTrue();
        assertThat(BrokerOutage.recoverable(new BrokerOutage.RestoreTimeoutException("restore"), Duration.ZERO, TIMEOUT, false)).isTrue();
    }

    @Test
    void fencingInAYoungTransactionWithNoOutageMeansANewerInstanceTookOver() {
        assertThat(BrokerOutage.recoverable(new ProducerFencedException("f"), Duration.ofSeconds(1), TIMEOUT, false)).isFalse();
        assertThat(BrokerOutage.recoverable(new InvalidProducerEpochException("e"), Duration.ofSeconds(1), TIMEOUT, false)).isFalse();
        assertThat(BrokerOutage.recoverable(new KafkaException(new ProducerFencedException("f")), Duration.ZERO, TIMEOUT, false)).isFalse();
    }

    @Test
    void fencingAfterTheTransactionTimeoutOrDuringAnOutageIsTheCoordinatorsAbort() {
        assertThat(BrokerOutage.recoverable(new ProducerFencedException("f"), Duration.ofSeconds(61), TIMEOUT, false)).isTrue();
        assertThat(BrokerOutage.recoverable(new InvalidProducerEpochException("e"), Duration.ofSeconds(1), TIMEOUT, true)).isTrue();
    }

    @Test
    void deniedAccessAndProgrammingErrorsAreNoOutage() {
        assertThat(BrokerOutage.recoverable(new TopicAuthorizationException(Set.of("t")), Duration.ZERO, TIMEOUT, true)).isFalse();
        assertThat(BrokerOutage.recoverable(new IllegalStateException("bug"), Duration.ZERO, TIMEOUT, true)).isFalse();
    }

    @Test
    void aRebalanceDuringACommitIsNeitherAnOutageNorFatal() {
        KafkaException commitFailed = new KafkaException(new org.apache.kafka.clients.consumer.CommitFailedException("moved on"));
        assertThat(BrokerOutage.isRebalance(commitFailed)).isTrue();
        assertThat(BrokerOutage.isOutage(commitFailed)).as("no new producer: it could fence a successor").isFalse();
        assertThat(BrokerOutage.isRebalance(new ProducerFencedException("f"))).isFalse();
        assertThat(BrokerOutage.isRebalance(new TimeoutException("t"))).isFalse();
    }

    @Test
    void backoffGrowsAndStaysWithinBounds() {
        RetrySettings none = RetrySettings.none();
        assertThat(BrokerOutage.backoff(none, 1)).isEqualTo(Duration.ofMillis(100));
        assertThat(BrokerOutage.backoff(none, 2)).isGreaterThan(BrokerOutage.backoff(none, 1));
        assertThat(BrokerOutage.backoff(RetrySettings.defaults(), 100)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(BrokerOutage.backoff(none, 100)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void untilConnectedTriesAgainAfterAnOutageAndGivesUpOnAnythingElseOrWhenStopped() throws Exception {
        java.util.List<Duration> waits = new java.util.ArrayList<>();
        int[] tries = {0};
        BrokerOutage.untilConnected(() -> {
            if (++tries[0] < 3) {
                throw new TimeoutException("away");
            }
        }, BrokerOutage::isOutage, RetrySettings.none(), () -> true, (e, wait) -> waits.add(wait));
        assertThat(tries[0]).isEqualTo(3);
        assertThat(waits).containsExactly(BrokerOutage.backoff(RetrySettings.none(), 1), BrokerOutage.backoff(RetrySettings.none(), 2));

        tries[0] = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrokerOutage.untilConnected(() -> {
            tries[0]++;
            throw new IllegalStateException("bug");
        }, BrokerOutage::isOutage, RetrySettings.none(), () -> true, (e, wait) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(tries[0]).isEqualTo(1);

        tries[0] = 0;
        boolean[] running = {true};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrokerOutage.untilConnected(() -> {
            tries[0]++;
            throw new TimeoutException("away");
        }, BrokerOutage::isOutage, RetrySettings.none(), () -> running[0], (e, wait) -> running[0] = false))
                .isInstanceOf(TimeoutException.class);
        assertThat(tries[0]).as("no try after the stop").isEqualTo(1);
    }
}
