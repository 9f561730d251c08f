package io.netrare.deploy.cli;

import io.netrare.deploy.pipeline.PipelineRun;
import io.netrare.runtime.job.JobSettings;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netrare run}: the whole pipeline — ingest, training, scoring, alerting — on an embedded broker
 * over files, until every bucket is scored and every alert delivered.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs ingest, training, scoring and alerting on an embedded Kafka broker over files, then exits.")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|DIR", description = "Telemetry to ingest (any format netrare parse reads).")
    List<Path> inputs;

    @Option(names = "--records-out", paramLabel = "FILE", description = "Write the final anomaly records here (NDJSON).")
    Path recordsOut;

    @Option(names = "--alerts-out", paramLabel = "FILE", description = "Write the alerts here (NDJSON).")
    Path alertsOut;

    @Option(names = "--rules", paramLabel = "DIR", description = "Detection rules (Elastic TOML). Default: the shipped rule.")
    Path rules;

    @Option(names = "--model", defaultValue = "rare", paramLabel = "TYPE",
            description = "Model type: any implementation on the classpath (rare, first_seen, peer_rare are shipped). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--partition-field", paramLabel = "FIELD", description = "Per-partition baselines, e.g. host.name.")
    String partitionField;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--timeout", defaultValue = "30m", description = "Give up after this long. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CommandSupport.requireInputsExist(spec, "--input", inputs);
        long start = System.nanoTime();
        JobSettings job = JobSettings.defaults().withModelType(model).withPartitionFieldName(partitionField);
        if (alertsOut != null) {
            Files.deleteIfExists(alertsOut); // the sink appends; a run starts a new file
        }
        try (PipelineRun run = PipelineRun.start(new PipelineRun.Settings(inputs, job, rules, alertsOut, "none", partitions))) {
            java.util.concurrent.atomic.AtomicLong firstEventUptime = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread watch = new Thread(() -> { // the fixed cost: from the JVM's start to the first event processed
                while (run.eventsProcessed() == 0) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                firstEventUptime.set(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            }, "netrare-run-first-event");
            watch.setDaemon(true);
            watch.start();
            run.awaitDone(io.netrare.runtime.config.Durations.parse(timeout), p -> { });
            watch.interrupt();
            List<AnomalyRecord> records = run.finalRecords();
            if (recordsOut != null) {
                writeRecords(records, recordsOut);
            }
            PipelineRun.Progress p = run.progress();
            err.printf("netrare run: %,d events in, %,d filtered, %,d buckets scored, %,d records, %d alerts in %.1f s%n",
                    p.eventsIngested(), p.eventsFiltered(), p.bucketsScored(), records.size(), run.alerts().size(),
                    (System.nanoTime() - start) / 1e9);
            if (firstEventUptime.get() >= 0) {
                err.printf("netrare run: first event processed by training and scoring %.1f s after the JVM started%n",
                        firstEventUptime.get() / 1e3);
            }
            PipelineRun.ModelMessages models = run.modelMessages();
            err.printf("netrare run: %s: %,d messages (%,d of them parts of split messages), largest %,d bytes%n",
                    run.pipeline().topics().models().name(), models.messages(), models.parts(), models.largestBytes());
            err.flush();
        }
        return 0;
    }

    static void writeRecords(List<AnomalyRecord> records, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (AnomalyRecord r : records) {
                w.write(Json.writeString(r));
                w.newLine();
            }
        }
    }

}
