package io.netrare.alerting.service;

import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.lifecycle.Component;
import io.netrare.schema.Topics;
import jakarta.inject.Inject;

/** Makes sure the alerting state topic exists before the anomalies loop starts. */
public final class StateTopicSetup implements Component {

    private final KafkaSettings kafka;
    private final Topics topics;

    @Inject
    public StateTopicSetup(KafkaSettings kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    @Override
    public void start() throws InterruptedException {
        StateTopic.ensure(kafka, topics);
    }

    @Override
    public void stop() {
    }
}
