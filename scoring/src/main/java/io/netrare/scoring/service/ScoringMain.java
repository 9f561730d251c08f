package io.netrare.scoring.service;

import io.netrare.runtime.ServiceRunner;

/** Entry point of the scoring service: {@code --config FILE}. */
public final class ScoringMain {

    private ScoringMain() {
    }

    public static ServiceRunner<ScoringConfig> runner() {
        return ServiceRunner.of("scoring", ScoringConfig.class, ScoringModule::new);
    }

    public static void main(String[] args) {
        runner().main(args);
    }
}
