package io.netrare.alerting.sink;

import io.netrare.schema.Alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * In-process fan-out to several sinks, one bounded queue and one delivery thread per sink, so a slow
 * webhook does not hold up the console. When a queue is full, {@link #submit} blocks up to the offer
 * timeout (back-pressure on the engine), then dead-letters the alert for that sink ("buffer full").
 * The Kafka service does not need this: there each sink reads the alerts topic with its own consumer
 * group (docs/alerting.md).
 */
public final class SinkDispatcher implements AutoCloseable {

    private static final Alert STOP = null;

    private final List<Worker> workers = new ArrayList<>();
    private final Duration offerTimeout;
    private final DeadLetters deadLetters;

    public SinkDispatcher(List<ReliableDelivery> deliveries, int capacity, Duration offerTimeout, DeadLetters deadLetters) {
        this.offerTimeout = requireNonNull(offerTimeout, "offerTimeout is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        for (ReliableDelivery delivery : deliveries) {
            Worker worker = new Worker(delivery, new ArrayBlockingQueue<>(capacity));
            workers.add(worker);
            worker.thread.start();
        }
    }

    /** Queues the alert for every sink; blocks while a queue is full, at most the offer timeout per sink. */
    public void submit(Alert alert) throws InterruptedException {
        for (Worker worker : workers) {
            if (!worker.queue.offer(Optional.of(alert), offerTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                deadLetters.accept(worker.delivery.sinkName(), alert, "buffer full");
            }
        }
    }

    /** Delivers what is queued, then stops the threads (waiting at most {@code timeout} per sink). */
    public void close(Duration timeout) throws InterruptedException {
        for (Worker worker : workers) {
            worker.queue.put(Optional.ofNullable(STOP));
        }
        for (Worker worker : workers) {
            worker.thread.join(timeout.toMillis());
            if (worker.thread.isAlive()) {
                worker.thread.interrupt();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private static final class Worker {
        final ReliableDelivery delivery;
        final BlockingQueue<Optional<Alert>> queue;
        final Thread thread;

        Worker(ReliableDelivery delivery, BlockingQueue<Optional<Alert>> queue) {
            this.delivery = delivery;
            this.queue = queue;
            this.thread = new Thread(this::run, "netrare-sink-" + delivery.sinkName());
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (true) {
                    Optional<Alert> next = queue.take();
                    if (next.isEmpty()) {
                        return;
                    }
                    delivery.deliver(next.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
