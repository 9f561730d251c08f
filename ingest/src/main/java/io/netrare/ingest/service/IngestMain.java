package io.netrare.ingest.service;

import io.netrare.runtime.ServiceRunner;

/** {@code java -jar ingest.jar --config ingest.yaml}: the ingest service. */
public final class IngestMain {

    private IngestMain() {
    }

    public static ServiceRunner<IngestServiceConfig> runner() {
        return ServiceRunner.of(RawRecordProcessor.SERVICE, IngestServiceConfig.class, IngestModule::new);
    }

    public static void main(String[] args) {
        runner().main(args);
    }
}
