package io.netrare.ingest.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ReadAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theTakerGetsEveryItemInOrderUpToTheLast() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<Integer> got = new ArrayList<>();
        try (ReadAhead<Integer> ahead = ReadAhead.start("test-read", n::incrementAndGet, i -> i == 5)) {
            for (int i = 0; i < 5; i++) {
                got.add(ahead.next(WAIT));
            }
            assertThat(ahead.next(Duration.ofMillis(50))).isNull(); // the last item ended the reading
        }
        assertThat(got).containsExactly(1, 2, 3, 4, 5);
        assertThat(n).hasValue(5);
    }

    @Test
    void aFailureOfTheStepReachesTheTakerAfterTheItemsReadBeforeIt() throws Exception {
        UncheckedIOException broken = new UncheckedIOException(new IOException("disk gone"));
        AtomicInteger n = new AtomicInteger();
        try (ReadAhead<Integer> ahead = ReadAhead.start("test-read", () -> {
            if (n.incrementAndGet() == 3) {
                throw broken;
            }
            return n.get();
        }, i -> false)) {
            assertThat(ahead.next(WAIT)).isEqualTo(1);
            assertThat(ahead.next(WAIT)).isEqualTo(2);
            assertThatThrownBy(() -> ahead.next(WAIT)).isSameAs(broken);
        }
        assertThat(n).hasValue(3);
    }

    @Test
    void anErrorOfTheStepIsThrownAsItIs() throws Exception {
        StackOverflowError error = new StackOverflowError("deep");
        try (ReadAhead<Integer> ahead = ReadAhead.start("test-read", () -> {
            throw error;
        }, i -> false)) {
            assertThatThrownBy(() -> ahead.next(WAIT)).isSameAs(error);
        }
    }

    @Test
    void theReaderStaysAtMostOneItemAheadOfTheTaker() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        try (ReadAhead<Integer> ahead = ReadAhead.start("test-read", reads::incrementAndGet, i -> false)) {
            assertThat(ahead.next(WAIT)).isEqualTo(1);
            // one item waits in the hand-off and one more is read and waits to be handed: then the reader blocks
            await().atMost(WAIT).until(() -> reads.get() >= 3);
            Thread.sleep(200);
            assertThat(reads).hasValue(3);
        }
    }

    @Test
    void closingStopsAndJoinsTheReaderThread() throws Exception {
        AtomicReference<Thread> reader = new AtomicReference<>();
        CountDownLatch reading = new CountDownLatch(1);
        ReadAhead<Integer> ahead = ReadAhead.start("test-read", () -> {
            reader.set(Thread.currentThread());
            reading.countDown();
            Thread.sleep(60_000); // a slow read: closing interrupts it
            return 1;
        }, i -> false);
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
        ahead.close();
        assertThat(reader.get().isAlive()).isFalse();
        assertThat(reader.get().getName()).isEqualTo("test-read");
    }
}
