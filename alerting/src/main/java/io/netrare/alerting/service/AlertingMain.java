package io.netrare.alerting.service;

import io.netrare.runtime.ServiceRunner;

/** {@code java -jar alerting.jar --config alerting.yaml}. */
public final class AlertingMain {

    private AlertingMain() {
    }

    public static ServiceRunner<AlertingConfig> runner() {
        return ServiceRunner.of("alerting", AlertingConfig.class, AlertingModule::new);
    }

    public static void main(String[] args) {
        runner().main(args);
    }
}
