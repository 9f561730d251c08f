package io.netrare.ingest.service;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Runs a read step over and over on its own thread, ahead of the thread that takes its items: while the taker
 * handles one item (the file source commits it), the next is read. The hand-off holds one item, so at most three
 * are in memory: one being read, one waiting, one being handled.
 *
 * <p>The taker gets every item in the order read; a step that throws ends the reading, and the taker gets the
 * same throwable after the items read before it. An item that {@code last} accepts ends the reading too.
 * {@link #close} interrupts the reader, waits for its thread to end and drops what was not taken, so whatever
 * the step reads from (not thread-safe) is the caller's again.
 */
final class ReadAhead<T> implements AutoCloseable {

    /** One read: returns the next item, or throws. */
    @FunctionalInterface
    interface Step<T> {
        T read() throws Exception;
    }

    /** What the reader hands over: an item, or the failure that ended the reading. */
    private record Handed<T>(T item, Throwable failure) {
    }

    private final Step<T> step;
    private final Predicate<T> last;
    private final BlockingQueue<Handed<T>> handoff = new ArrayBlockingQueue<>(1);
    private final Thread thread;

    private ReadAhead(String name, Step<T> step, Predicate<T> last) {
        this.step = requireNonNull(step, "step is null");
        this.last = requireNonNull(last, "last is null");
        this.thread = new Thread(this::run, requireNonNull(name, "name is null"));
        this.thread.setDaemon(true);
    }

    /** Starts reading on a new thread named {@code name}. */
    static <T> ReadAhead<T> start(String name, Step<T> step, Predicate<T> last) {
        ReadAhead<T> ahead = new ReadAhead<>(name, step, last);
        ahead.thread.start();
        return ahead;
    }

    /**
     * The next item, waiting at most {@code wait} for it: null when none came in that time (or the reading
     * ended with a last item). Throws what the step threw once the items read before it are taken.
     */
    T next(Duration wait) throws Exception {
        Handed<T> h = handoff.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (h == null) {
            return null;
        }
        if (h.failure() instanceof Exception e) {
            throw e;
        }
        if (h.failure() instanceof Error e) {
            throw e;
        }
        return h.item();
    }

    private void run() {
        try {
            T item;
            do {
                item = step.read();
                handoff.put(new Handed<>(item, null));
            } while (!last.test(item) && !Thread.currentThread().isInterrupted());
        } catch (InterruptedException e) {
            // closed: nothing more is taken
        } catch (Throwable t) {
            try {
                handoff.put(new Handed<>(null, t));
            } catch (InterruptedException closed) {
                // closed while failing: the taker has gone
            }
        }
    }

    /** Stops the reader and waits for its thread to end, however long its step takes to notice. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the step's source must not be used by two threads: wait on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
