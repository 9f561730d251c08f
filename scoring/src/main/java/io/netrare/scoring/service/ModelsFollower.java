package io.netrare.scoring.service;

import io.netrare.runtime.kafka.TopicReader;
import io.netrare.runtime.lifecycle.Component;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The models-topic reader as a lifecycle component that starts reading only once the loop has read the scoring
 * snapshots ({@link ScoringProcessor#prepare}), so that deltas the snapshots cover are never kept. Ready when the
 * reader has caught up, the group has assigned this instance its partitions (or none) and their restore is done.
 */
final class ModelsFollower implements Component {

    private final TopicReader reader;
    private final ScoringProcessor processor;

    ModelsFollower(TopicReader reader, ScoringProcessor processor) {
        this.reader = requireNonNull(reader, "reader is null");
        this.processor = requireNonNull(processor, "processor is null");
    }

    /** Nothing: {@link #begin} starts the reader, from the loop's thread, before it subscribes. */
    @Override
    public void start() {
    }

    void begin() {
        reader.start();
    }

    @Override
    public void stop() throws InterruptedException {
        reader.stop();
    }

    @Override
    public boolean healthy() {
        return reader.healthy() && processor.restored();
    }

    @Override
    public Optional<Throwable> failure() {
        return reader.failure();
    }

    @Override
    public String name() {
        return reader.name();
    }
}
