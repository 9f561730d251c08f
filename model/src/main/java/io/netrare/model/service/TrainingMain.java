package io.netrare.model.service;

import io.netrare.runtime.ServiceRunner;

/** Entry point of the training service: {@code --config FILE}. */
public final class TrainingMain {

    private TrainingMain() {
    }

    public static ServiceRunner<TrainingConfig> runner() {
        return ServiceRunner.of("model", TrainingConfig.class, TrainingModule::new);
    }

    public static void main(String[] args) {
        runner().main(args);
    }
}
