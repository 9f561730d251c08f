package io.netrare.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.runtime.text.SafeText;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The one consume-process-produce loop of every netrare service. Polls a batch, runs the
 * {@link RecordProcessor} on each record (with retries and the stage's {@link FailurePolicy}), calls
 * {@link RecordProcessor#onTick}, then commits:
 * <ul>
 * <li>transactional mode: outputs, dead letters and input offsets in one Kafka transaction
 * ({@code sendOffsetsToTransaction} with the group metadata); the transactional id is
 * {@code <prefix>.<service>.<loop>.<instance id>}, so a restarted instance fences its predecessor and
 * aborts its open transaction;</li>
 * <li>at-least-once mode: flush the idempotent producer, then commit offsets synchronously.</li>
 * </ul>
 * When the brokers are away (timeouts, retriable errors, a transaction its coordinator aborted) the loop
 * rides the outage out however long it lasts: it backs off, re-creates the producer and commits the batch
 * again — the same records and offsets in a new transaction, since the processor's state already holds the
 * batch's work — or, when the batch failed before the processor was done with it, rewinds to the last
 * commit and redoes it; it reports not ready meanwhile ({@link BrokerOutage}). Fencing by a newer
 * instance, a FAIL policy or an {@link Error} stops the loop: {@link #failure()} says why, the service
 * stops, and a restart resumes from the last commit. Built with {@link #builder}.
 */
public final class KafkaLoop implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLoop.class);

    private final KafkaLoopBuilder spec;
    private final LoopMetrics metrics;
    private final Retrier retrier;
    private final String dlqTopic;
    private final int maxRequestSize;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean assignedOnce;
    private volatile boolean polledOnce;
    /** What the loop was doing, so that an authorization error can name the operation refused. */
    private volatile KafkaAccess.Use phase = KafkaAccess.Use.PRODUCE;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private String clientId;
    private Batch batch;
    /** True while the brokers are away (readiness false). */
    private volatile boolean outage;
    /** Whether the consumer holds a connection to any broker: an idle loop's outage. */
    private volatile ConnectionWatch connection;
    /** An outage was ridden out since the last batch that committed. */
    private boolean outageSeen;
    /**
     * The loop has lost the brokers and not yet polled with a connection again: no ticks meanwhile, and the
     * processor hears {@link RecordProcessor#onBrokersBack} when they answer (loop thread only).
     */
    private boolean away;
    /** When the open transaction began (transactional mode), null when none is open. */
    private java.time.Instant transactionOpenedAt;
    /** Per assigned partition, the last position handed to the processor's commit (see addPositionsPastMarkers). */
    private final Map<TopicPartition, Long> reportedPositions = new HashMap<>();
    /** What this loop last committed per partition, so that a commit check can tell a new commit from an old one. */
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();

    KafkaLoop(KafkaLoopBuilder spec) {
        this.spec = spec;
        this.metrics = new LoopMetrics(spec.registry, spec.service, spec.loopName);
        this.retrier = new Retrier(spec.settings.retry(), spec.clock, d -> Thread.sleep(d.toMillis()));
        this.dlqTopic = spec.kafka.topics().deadLetters(spec.service).name();
        this.maxRequestSize = DeadLetters.maxRequestSize(spec.kafka);
        spec.inputTopics.forEach(metrics::consumed);
    }

    /** Starts building a loop for {@code service} reading {@code inputTopics}. */
    public static KafkaLoopBuilder builder(String service, KafkaSettings kafka, RecordProcessor processor) {
        return new KafkaLoopBuilder(service, kafka, processor);
    }

    /** The consumer group this loop joins. */
    public String groupId() {
        return groupId(spec.kafka, spec.settings, spec.service);
    }

    /** The consumer group a loop of {@code service} with these settings joins: the configured one, or {@code <prefix>.<service>}. */
    public static String groupId(KafkaSettings kafka, LoopSettings settings, String service) {
        String g = settings.groupId();
        return g.isBlank() ? kafka.topicPrefix() + "." + service : g;
    }

    /** The transactional id (transactional mode). */
    public String transactionalId() {
        return spec.kafka.transactionalId(spec.service, spec.loopName);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        clientId = spec.kafka.clientIdOf(spec.service, spec.loopName);
        consumer = new KafkaConsumer<>(ClientConfigs.consumer(spec.kafka, clientId + "-consumer", groupId(),
                spec.settings.maxPollRecords()));
        connection = new ConnectionWatch(consumer::metrics, "consumer-metrics");
        running = true;
        thread = new Thread(this::run, "netrare-" + spec.service + "-" + spec.loopName);
        thread.setDaemon(false);
        thread.start();
    }

    private void run() {
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
        try {
            consumerMetrics.bindTo(spec.registry);
            phase = KafkaAccess.Use.PRODUCE;
            openProducer();
            if (usesDeadLetters()) {
                untilConnected("dead-letter topic", () -> DeadLetterTopic.ensureExists(spec.kafka, dlqTopic));
            }
            awaitInputTopics();
            untilConnected("setup", spec.beforeSubscribe::run);
            consumer.subscribe(spec.inputTopics, new Rebalance());
            while (running) {
                try {
                    if (batch != null && batch.redo) {
                        phase = KafkaAccess.Use.PRODUCE;
                        finishBatch(); // the transaction an outage broke, with the same records and offsets
                        outageSeen = false;
                        continue;
                    }
                    phase = KafkaAccess.Use.CONSUME;
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(spec.settings.pollTimeout());
                    polledOnce = true;
                    brokersAway(connection.check()); // an idle loop sends and commits nothing: its outage shows here
                    phase = KafkaAccess.Use.PRODUCE;
                    runBatch(records);
                    outageSeen = false;
                } catch (Exception e) {
                    Duration age = transactionOpenedAt == null ? Duration.ZERO
                            : Duration.between(transactionOpenedAt, spec.clock.instant());
                    if (!running || e instanceof StageFailedException) {
                        throw e;
                    }
                    if (BrokerOutage.isRebalance(e)) {
                        redoAfterRebalance(e);
                        continue;
                    }
                    if (!BrokerOutage.recoverable(e, age, spec.kafka.transactionTimeout(), outageSeen)) {
                        throw e;
                    }
                    recover(e);
                }
            }
            if (batch != null) {
                finishBatch();
            }
        } catch (Throwable t) {
            if (!running && BrokerOutage.isOutage(t)) {
                LOG.info("loop {} of {} stopped during an outage; a restart resumes from the last commit", spec.loopName, spec.service);
            } else {
                // an authorization error names the right that is missing, e.g. READ on topic netrare.models
                Throwable cause = KafkaAccess.translate(t, spec.kafka, phase,
                        spec.kafka.transactional() ? transactionalId() : null, spec.inputTopics);
                failure.compareAndSet(null, cause);
                LOG.error("loop {} of {} stopped by a failure: {}", spec.loopName, spec.service, cause.getMessage(), t);
                abortQuietly();
            }
            batch = null;
        } finally {
            running = false;
            close(consumerMetrics);
            finished.countDown();
        }
    }

    /**
     * Follows whether the brokers answer, as the consumer's connections tell after each poll. While they are
     * away the processor's timers stand still (no ticks: an outage is not idle input); once they answer again
     * the processor hears it and restarts them.
     */
    private void brokersAway(boolean disconnected) {
        if (disconnected) {
            away = true;
        } else if (away) {
            away = false;
            LOG.info("loop {} of {}: brokers answer again; the processor's timers restart", spec.loopName, spec.service);
            spec.processor.onBrokersBack(spec.clock.instant());
        }
    }

    /**
     * Input topics that do not exist yet are waited for (not ready meanwhile), so services can start in
     * any order and before anyone has created the topics.
     */
    private void awaitInputTopics() throws InterruptedException {
        boolean logged = false;
        while (running) {
            Set<String> existing = new HashSet<>();
            untilConnected("topic list", () -> existing.addAll(consumer.listTopics(Duration.ofSeconds(10)).keySet()));
            List<String> missing = spec.inputTopics.stream().filter(t -> !existing.contains(t)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!logged) {
                LOG.info("loop {} of {} waits for its input topics {} to be created", spec.loopName, spec.service, missing);
                logged = true;
            }
            sleepWhileRunning(Duration.ofSeconds(1));
        }
    }

    /** Creates the producer and, transactional, initialises it; rides out an outage meanwhile. */
    private void openProducer() throws InterruptedException {
        untilConnected("producer", () -> {
            producer = new KafkaProducer<>(ClientConfigs.producer(spec.kafka, clientId + "-producer",
                    spec.kafka.transactional() ? transactionalId() : null));
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(spec.registry);
            try {
                if (spec.kafka.transactional()) {
                    producer.initTransactions(); // fences a previous incarnation and aborts its open transaction
                }
            } catch (RuntimeException e) {
                closeProducer(Duration.ZERO);
                throw e;
            }
        });
    }

    /**
     * Rides out an outage: drops the producer (its transaction is aborted by the coordinator or by the
     * next initTransactions) and opens a new one once the brokers answer. An open batch whose polls the
     * processor has done to the end (the outage broke a send, the commit or a later poll) is committed again
     * as it is: the same records in a new transaction with the same offsets, because the processor's state
     * already holds its work and cannot be rolled back (a scoring model does not unlearn a bucket). A batch
     * broken in the middle of a poll is dropped, and every assigned partition is rewound to its last commit,
     * telling the processor as in a rebalance.
     */
    private void recover(Exception cause) throws InterruptedException {
        outage = true;
        away = true;
        metrics.outage();
        boolean redo = batch != null && batch.complete;
        LOG.warn("loop {} of {}: brokers unavailable ({}); backing off and {}", spec.loopName, spec.service,
                cause.toString(), redo ? "committing the batch again" : "resuming from the last commit");
        transactionOpenedAt = null;
        closeProducer(Duration.ZERO); // fails the sends still pending in it
        if (redo) {
            batch.redo();
        } else {
            batch = null;
        }
        openProducer(); // completes or aborts the broken transaction first
        if (redo) {
            // a commit whose reply the outage cut off may have gone through: then it must not be made twice
            boolean[] landed = {false};
            untilConnected("commit check", () -> landed[0] = landed(batch));
            if (landed[0]) {
                LOG.info("loop {} of {}: the broken commit went through after all", spec.loopName, spec.service);
                batch = null;
                redo = false;
            }
        } else {
            untilConnected("rewind", this::rewindToCommitted);
        }
        outage = false;
        outageSeen = true;
        LOG.info("loop {} of {}: brokers back; {}", spec.loopName, spec.service,
                redo ? "committing the batch again" : "resumed from the last commit");
    }

    /**
     * True when the batch's commit reached the brokers although the outage broke the call: the group's
     * commits are the offsets (and metadata) the batch was to commit. A batch without offsets, or whose
     * offsets and metadata equal what this loop committed before, cannot tell and is committed again (its
     * output may then appear twice, never be lost).
     */
    private boolean landed(Batch b) {
        if (!b.commitAttempted || b.toCommit == null || b.toCommit.isEmpty()) {
            return false;
        }
        if (lastCommitted.entrySet().containsAll(b.toCommit.entrySet())) {
            return false; // the batch commits what an earlier batch did: the group's commits cannot tell
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(b.toCommit.keySet());
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : b.toCommit.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() != e.getValue().offset()
                    || !java.util.Objects.equals(c.metadata(), e.getValue().metadata())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The group rebalanced while the batch committed: the transaction is aborted on the same producer (a new
     * one would fence nobody but could fence a successor) and the batch is redone from the last commit.
     */
    private void redoAfterRebalance(Exception cause) throws InterruptedException {
        LOG.info("loop {} of {}: the group rebalanced during a commit ({}); redoing the batch from the last commit",
                spec.loopName, spec.service, cause.toString());
        if (batch != null && batch.inTransaction) {
            producer.abortTransaction(); // a fencing error here ends the loop
            metrics.transactionAborted();
        }
        batch = null;
        transactionOpenedAt = null;
        untilConnected("rewind", this::rewindToCommitted);
    }

    /** Seeks every assigned partition back to its last commit, telling the processor as in a rebalance. */
    private void rewindToCommitted() {
        Set<TopicPartition> owned = new HashSet<>(consumer.assignment());
        reportedPositions.clear();
        spec.processor.onRevoked(owned);
        if (owned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : owned) {
            OffsetAndMetadata c = committed.get(tp);
            if (c == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, c);
            }
        }
        consumer.seekToBeginning(fromStart);
        spec.processor.onAssigned(owned, committed);
    }

    /** Runs {@code action} until it stops failing with an outage error, backing off in between. */
    private void untilConnected(String what, BrokerOutage.Attempt<RuntimeException> action) throws InterruptedException {
        BrokerOutage.untilConnected(action, BrokerOutage::isOutage, spec.settings.retry(), () -> running, (e, wait) -> {
            outage = true;
            away = true;
            LOG.warn("loop {} of {}: {} waits for the brokers ({}), retry in {}", spec.loopName, spec.service,
                    what, e.toString(), wait);
        });
    }

    private void sleepWhileRunning(Duration wait) throws InterruptedException {
        BrokerOutage.sleepWhile(() -> running, wait);
    }

    private boolean usesDeadLetters() {
        return spec.settings.failurePolicy() == FailurePolicy.DEAD_LETTER
                || spec.settings.stagePolicies().containsValue(FailurePolicy.DEAD_LETTER) || spec.poison != null;
    }

    /**
     * Processes one poll's records into the open batch, and commits the batch once it has been open for
     * {@code commit_interval} or the poll came back empty (nothing waits on a quiet input). One transaction
     * thus spans several polls under load, with a latency bound.
     */
    private void runBatch(ConsumerRecords<byte[], byte[]> records) throws Exception {
        if (batch == null) {
            batch = new Batch();
        }
        batch.complete = false;
        // partition by partition, as the records come; a partition's offset is set once, after its last record (a
        // failure before then drops the batch, so no commit sees a partition's offset half-way)
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
            long start = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : part) {
                handle(record);
            }
            metrics.recordsProcessed(metrics.consumed(tp.topic()), part.size(), System.nanoTime() - start);
            batch.offsets.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        if (!away) { // timers of quiet input must not run through an outage
            spec.processor.onTick(spec.clock.instant(), batch::send);
        }
        if (spec.poison != null) {
            spec.poison.drainTo(batch::sendRaw);
        }
        batch.complete = true;
        if (records.isEmpty() || System.nanoTime() - batch.openedNanos >= spec.settings.commitInterval().toNanos()) {
            finishBatch();
        }
    }

    /**
     * Hands the read positions to the processor (once per batch) and commits what it returns, with the
     * batch's output. A commit an outage breaks is redone with the same records and offsets ({@link #recover}),
     * not by reading the input again.
     */
    private void finishBatch() throws Exception {
        if (batch.redo) {
            batch.resend();
        }
        if (batch.toCommit == null) {
            addPositionsPastMarkers();
            batch.toCommit = Map.copyOf(spec.processor.offsetsToCommit(Map.copyOf(batch.offsets)));
        }
        commit();
        batch = null;
    }

    /**
     * The group moved on without this instance: the open batch can no longer commit its offsets, so its
     * transaction is aborted and its input is read again from the last commit by whoever owns it now.
     */
    private void dropBatch() {
        Batch dropped = batch;
        batch = null;
        transactionOpenedAt = null;
        if (dropped != null && dropped.inTransaction && producer != null) {
            producer.abortTransaction(); // an error here goes to the loop, as any error of the poll does
            metrics.transactionAborted();
        }
    }

    /**
     * A transactional producer writes a commit marker after its records, and the marker takes an offset.
     * Committing "last record + 1" would leave every such partition one offset behind its end forever, so
     * the loop commits the consumer's position, which has moved past the markers it has read, also for
     * partitions that returned no record in this batch.
     */
    private void addPositionsPastMarkers() {
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            Long reported = reportedPositions.get(tp);
            if (reported == null || position > reported) {
                OffsetAndMetadata fromRecords = batch.offsets.get(tp);
                if (fromRecords == null || fromRecords.offset() < position) {
                    batch.offsets.put(tp, new OffsetAndMetadata(position));
                }
                reportedPositions.put(tp, position);
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
        List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
        try {
            retrier.run(() -> {
                pending.clear();
                spec.processor.process(record, pending::add);
            }, (attempt, error) -> metrics.retries(stageOf(error)).increment());
        } catch (Exception e) {
            String stage = stageOf(e);
            Throwable cause = e instanceof StageException && e.getCause() != null ? e.getCause() : e;
            FailurePolicy policy = spec.settings.policyFor(stage);
            metrics.failures(stage, policy).increment();
            switch (policy) {
                case FAIL -> throw new StageFailedException("stage " + stage + " failed on " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + " with policy FAIL", cause);
                case DEAD_LETTER -> {
                    LOG.warn("dead-lettering {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), stage, SafeText.line(cause.toString()));
                    batch.sendRaw(DeadLetters.fit(DeadLetters.of(dlqTopic, record, stage, cause), maxRequestSize));
                    metrics.deadLettered(stage, cause.getClass().getSimpleName()).increment();
                }
                case SKIP -> {
                    LOG.warn("skipping {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), stage,
                            SafeText.line(cause.toString()));
                    metrics.skipped(stage, cause.getClass().getSimpleName()).increment();
                }
            }
            return;
        }
        pending.forEach(batch::send);
    }

    private static String stageOf(Throwable t) {
        return t instanceof StageException s ? s.stage() : StageNames.PROCESS;
    }

    private void commit() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> toCommit = batch.toCommit;
        if (spec.kafka.transactional()) {
            if (!batch.inTransaction && toCommit.isEmpty() && batch.sendError.get() == null) {
                return;
            }
            Throwable sendError = batch.sendError.get();
            if (sendError != null) {
                throw new LoopFailedException("a send failed (" + sendError + "); the transaction is not committed", sendError);
            }
            batch.begin();
            if (!toCommit.isEmpty()) {
                producer.sendOffsetsToTransaction(toCommit, consumer.groupMetadata());
            }
            batch.commitAttempted = true;
            producer.commitTransaction();
            lastCommitted.putAll(toCommit);
            batch.inTransaction = false;
            transactionOpenedAt = null;
            metrics.transactionCommitted();
        } else {
            producer.flush();
            Throwable sendError = batch.sendError.get();
            if (sendError != null) {
                throw new LoopFailedException("a send failed; offsets not committed", sendError);
            }
            if (!toCommit.isEmpty()) {
                batch.commitAttempted = true;
                consumer.commitSync(toCommit);
                lastCommitted.putAll(toCommit);
                metrics.offsetsCommitted();
            }
        }
    }

    private void abortQuietly() {
        if (producer != null && batch != null && batch.inTransaction && !(failure.get() instanceof Error)) {
            try {
                producer.abortTransaction();
                metrics.transactionAborted();
            } catch (RuntimeException e) {
                LOG.debug("abort failed", e);
            }
        }
    }

    private void close(KafkaClientMetrics consumerMetrics) {
        consumerMetrics.close();
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.debug("consumer close failed", e);
        }
        closeProducer(Duration.ofSeconds(5));
    }

    private void closeProducer(Duration timeout) {
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("producer close failed", e);
            }
            producer = null;
        }
    }

    /** Finishes the current batch, commits it, closes the clients. */
    @Override
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        running = false;
        if (!finished.await(60, TimeUnit.SECONDS)) {
            LOG.warn("loop {} of {} did not stop within 60s", spec.loopName, spec.service);
        }
        t.join(5000);
    }

    /** Blocks until the loop has ended (stopped or failed). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Healthy once it has polled the brokers, while running without failure and the brokers answer. */
    @Override
    public boolean healthy() {
        return running && polledOnce && !inOutage() && failure.get() == null;
    }

    /** True while the loop waits for the brokers to come back, or its consumer has no broker connection. */
    public boolean inOutage() {
        ConnectionWatch c = connection;
        return outage || c != null && c.disconnected();
    }

    /** True once the group has assigned this loop partitions at least once. */
    public boolean assigned() {
        return assignedOnce;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public String name() {
        return "kafka-loop-" + spec.service + "-" + spec.loopName;
    }

    /**
     * The open batch: the positions read, every record it sends (kept until it commits, so that a commit an
     * outage broke can be redone) and the transaction it writes into.
     */
    private final class Batch {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        /** The first send that failed on the current producer (a new holder for each redo). */
        AtomicReference<Throwable> sendError = new AtomicReference<>();
        final long openedNanos = System.nanoTime();
        boolean inTransaction;
        /** The processor has done every poll of the batch to the end (records, tick): only the commit remains. */
        boolean complete = true;
        /** What the processor said to commit, asked once per batch. */
        Map<TopicPartition, OffsetAndMetadata> toCommit;
        /** An outage broke the commit: send everything again on the new producer, then commit. */
        boolean redo;
        /** The commit was sent: when an outage cuts off its reply, it may have gone through. */
        boolean commitAttempted;

        void redo() {
            redo = true;
            inTransaction = false;
            sendError = new AtomicReference<>(); // late callbacks of the closed producer go to the old holder
        }

        void resend() {
            redo = false;
            commitAttempted = false;
            for (ProducerRecord<byte[], byte[]> record : sent) {
                produce(record);
            }
        }

        void begin() {
            if (spec.kafka.transactional() && !inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                transactionOpenedAt = spec.clock.instant();
            }
        }

        void send(ProducerRecord<byte[], byte[]> record) {
            requireNonNull(record, "record is null");
            sendRaw(record.topic().equals(dlqTopic) ? DeadLetters.fit(record, maxRequestSize) : record);
            metrics.produced(record.topic()).increment();
        }

        /**
         * Sends a record in the batch. A send that fails (at once, or later in the producer) fails the batch's
         * commit, not the processor: the processor's work stays whole, and the commit is redone.
         */
        void sendRaw(ProducerRecord<byte[], byte[]> record) {
            sent.add(record);
            produce(record);
        }

        private void produce(ProducerRecord<byte[], byte[]> record) {
            AtomicReference<Throwable> errors = sendError;
            if (errors.get() != null) {
                return; // this transaction will not commit; the record is sent again with the redo
            }
            try {
                begin();
                producer.send(record, (md, e) -> {
                    if (e != null) {
                        errors.compareAndSet(null, e);
                    }
                });
            } catch (RuntimeException e) {
                errors.compareAndSet(null, e);
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // only a healthy loop commits here: after a failure the batch's records were not all processed
            try {
                if (batch != null && !partitions.isEmpty() && failure.get() == null) {
                    // the open batch holds work of these partitions: commit it while the group still lets us
                    finishBatch();
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new LoopFailedException("commit before revocation failed", e);
            } finally {
                // the partitions go whether or not the commit succeeded (a failed one is redone or rewound)
                partitions.forEach(reportedPositions::remove);
                spec.processor.onRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedOnce = true;
            spec.processor.onAssigned(partitions, consumer.committed(new java.util.HashSet<>(partitions)));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            try {
                // a batch spanning polls may be open: it can no longer commit, and must not commit later with
                // the output of records the new assignment reads again
                dropBatch();
            } finally {
                partitions.forEach(reportedPositions::remove);
                spec.processor.onRevoked(partitions);
            }
        }
    }

    /** The loop gave up: FAIL policy, or a send or commit that cannot succeed. */
    public static class LoopFailedException extends RuntimeException {
        public LoopFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A stage failed with policy FAIL: never taken for an outage. */
    public static final class StageFailedException extends LoopFailedException {
        public StageFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Well-known stage names. */
    public static final class StageNames {
        /** The default stage: the processor's {@code process} call. */
        public static final String PROCESS = "process";

        private StageNames() {
        }
    }
}
