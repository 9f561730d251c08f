package io.netrare.alerting.service;

import io.netrare.runtime.kafka.KafkaLoop;
import io.netrare.runtime.lifecycle.Component;

import java.util.List;
import java.util.Optional;

/** The delivery loops of the enabled sinks, started and stopped together. */
public final class SinkLoops implements Component {

    private final List<KafkaLoop> loops;
    private final List<SinkDeliveryProcessor> processors;

    SinkLoops(List<KafkaLoop> loops, List<SinkDeliveryProcessor> processors) {
        this.loops = List.copyOf(loops);
        this.processors = List.copyOf(processors);
    }

    @Override
    public void start() throws Exception {
        for (KafkaLoop loop : loops) {
            loop.start();
        }
    }

    @Override
    public void stop() throws Exception {
        for (int i = loops.size() - 1; i >= 0; i--) {
            loops.get(i).stop();
        }
        processors.forEach(SinkDeliveryProcessor::close);
    }

    @Override
    public boolean healthy() {
        return loops.stream().allMatch(KafkaLoop::healthy);
    }

    @Override
    public Optional<Throwable> failure() {
        return loops.stream().map(KafkaLoop::failure).flatMap(Optional::stream).findFirst();
    }

    @Override
    public String name() {
        return "alert-sinks";
    }
}
