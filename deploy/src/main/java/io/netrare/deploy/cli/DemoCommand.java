package io.netrare.deploy.cli;

import io.netrare.deploy.pipeline.PipelineRun;
import io.netrare.runtime.job.JobSettings;
import io.netrare.runtime.kafka.ClientConfigs;
import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;
import io.netrare.schema.Json;
import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.Label;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code netrare demo}: a simulated fleet with injected attacks (or the user's own data) through the four
 * services on an embedded broker, with progress, each alert as it is raised, and a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the four services on an embedded Kafka broker over a simulated fleet (or --input) and shows the alerts.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE|DIR", description = "Your own telemetry instead of the simulated fleet.")
    List<Path> inputs;

    @Option(names = "--json", description = "Print alerts as NDJSON on stdout (progress and summary go to stderr).")
    boolean json;

    @Option(names = "--keep-running", description = "Leave the services and their metrics up until Ctrl-C.")
    boolean keepRunning;

    @Option(names = {"-v", "--verbose"}, description = "Show the services' and the broker's log lines here instead of in the log file.")
    boolean verbose;

    @Option(names = "--model", defaultValue = "rare", paramLabel = "TYPE",
            description = "Model type: any implementation on the classpath (rare, first_seen, peer_rare are shipped). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated fleet. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandSupport.requireInputsExist(spec, "--input", inputs);
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("netrare-demo");
        if (!verbose) {
            Path log = work.resolve("netrare-demo.log");
            DemoLogging.toFile(log);
            err.printf("netrare demo: service and broker logs -> %s (--verbose shows them here)%n", log);
        }
        List<Label> attacks = List.of();
        List<Path> data = inputs;
        Duration warmUp = null;
        if (data == null || data.isEmpty()) {
            FleetSimulator sim = new FleetSimulator(FleetSpec.demo().withSeed(seed));
            Path fleet = work.resolve("fleet.ndjson");
            try (Writer w = Files.newBufferedWriter(fleet)) {
                sim.writeEcs(w);
            }
            attacks = sim.attacks();
            data = List.of(fleet);
            err.printf("netrare demo: simulated %d hosts over %d days with %d injected attacks -> %s%n",
                    sim.hosts().size(), sim.spec().days(), attacks.size(), fleet);
            // the fleet's history days are the models' warm-up, as an Elastic job is started on past data
            warmUp = Duration.ofDays(sim.spec().historyDays());
            err.printf("netrare demo: the first %d days of the fleet (no attacks) are fed first as the models' warm-up"
                    + " history: records scored then are marked warming_up and do not alert%n", sim.spec().historyDays());
        }
        JobSettings job = JobSettings.defaults().withModelType(model);
        try (PipelineRun run = PipelineRun.start(new PipelineRun.Settings(data, job, null, null, "none", 4, warmUp));
             KafkaConsumer<byte[], byte[]> alerts = alertsReader(run)) {
            err.println("netrare demo: broker and services up (ingest, model, scoring, alerting); replaying...");
            err.flush();
            AlertPrinter printer = new AlertPrinter(out, err, json, start);
            long[] lastPrinted = {0};
            run.awaitDone(Duration.ofMinutes(30), p -> {
                printer.drain(alerts);
                long now = System.nanoTime();
                if (now - lastPrinted[0] > 2_000_000_000L) {
                    lastPrinted[0] = now;
                    err.printf("  [%5.1fs] events %,d  filtered %,d  buckets scored %,d  records %,d  alerts %,d%s%n",
                            (now - start) / 1e9, p.eventsIngested(), p.eventsFiltered(), p.bucketsScored(), p.records(),
                            p.alerts(), p.inputRead() ? "  (input read)" : "");
                    err.flush();
                }
            });
            printer.drain(alerts);
            List<Alert> raised = run.alerts();
            printSummary(err, run, raised, attacks, printer, (System.nanoTime() - start) / 1e9);
            if (keepRunning) {
                err.println("  metrics:");
                run.metricsUrls().forEach((service, url) -> err.printf("    %-9s %s%n", service, url));
                err.println("netrare demo: services keep running; Ctrl-C to stop.");
                err.flush();
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
                forever.await();
            }
        }
        return 0;
    }

    private static KafkaConsumer<byte[], byte[]> alertsReader(PipelineRun run) {
        String topic = run.pipeline().topics().alerts().name();
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientConfigs.consumer(run.pipeline().kafka(), "netrare-demo", null, 500));
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    private static void printSummary(PrintWriter err, PipelineRun run, List<Alert> raised, List<Label> attacks,
                                     AlertPrinter printer, double seconds) {
        PipelineRun.Progress p = run.progress();
        err.println();
        err.println("netrare demo: summary");
        if (!attacks.isEmpty()) {
            err.printf("  %-18s %-11s %-14s %-10s %s%n", "attack", "host", "process", "visible to", "alerted");
            int found = 0;
            for (Label a : attacks) {
                boolean hit = raised.stream().anyMatch(al -> matches(al, a));
                found += hit ? 1 : 0;
                err.printf("  %-18s %-11s %-14s %-10s %s%n", a.kind(), a.host(), a.processName(), a.visibleTo(),
                        hit ? "yes" : "no");
            }
            long fleetWide = attacks.stream().filter(a -> "fleet_rare".equals(a.visibleTo())).count();
            long fleetWideFound = attacks.stream().filter(a -> "fleet_rare".equals(a.visibleTo()))
                    .filter(a -> raised.stream().anyMatch(al -> matches(al, a))).count();
            long onAttacks = raised.stream().filter(al -> attacks.stream().anyMatch(a -> matches(al, a))).count();
            err.printf("  attacks alerted: %d of %d (%d of the %d a fleet-wide rare model can see)%s%n", found,
                    attacks.size(), fleetWideFound, fleetWide,
                    found < attacks.size() ? "; try --model peer_rare for the host-only ones" : "");
            err.printf("  alerts on the attacks: %d; other alerts: %d%n", onAttacks, raised.size() - onAttacks);
        }
        err.printf("  events in %,d, filtered %,d, buckets scored %,d, records %,d, alerts %d%n",
                p.eventsIngested(), p.eventsFiltered(), p.bucketsScored(), p.records(), raised.size());
        err.printf("  time taken %.1f s, time to first alert %s%n", seconds,
                printer.firstAlertSeconds() < 0 ? "-" : String.format("%.1f s", printer.firstAlertSeconds()));
        err.flush();
    }

    /**
     * An alert is on an attack when one of its process names is the attack's process exactly (not a name it is part
     * of: ssh is not sshd), one of its host names is the attack's host, and its bucket lies within the attack.
     */
    public static boolean matches(Alert alert, Label attack) {
        if (alert.process() == null || alert.host() == null || alert.process().name() == null
                || alert.host().name() == null) {
            return false;
        }
        boolean process = alert.process().name().stream().anyMatch(attack.processName()::equals);
        boolean host = alert.host().name().stream().anyMatch(attack.host()::equals);
        Instant bucket = alert.originalTime() != null ? alert.originalTime() : alert.timestamp();
        long span = FleetSpec.BUCKET.toMillis();
        boolean during = bucket == null || (bucket.toEpochMilli() >= Math.floorDiv(attack.first().toEpochMilli(), span) * span
                && bucket.toEpochMilli() <= attack.last().toEpochMilli());
        return process && host && during;
    }

    /** Prints each alert the first time it is seen: a readable line, or NDJSON with --json. */
    private static final class AlertPrinter {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean json;
        private final long start;
        private final Set<String> seen = new HashSet<>();
        private final boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        private double firstAlert = -1;

        AlertPrinter(PrintWriter out, PrintWriter err, boolean json, long start) {
            this.out = out;
            this.err = err;
            this.json = json;
            this.start = start;
        }

        void drain(KafkaConsumer<byte[], byte[]> alerts) {
            for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ZERO)) {
                Alert a = Json.read(r.value(), Alert.class);
                if (!seen.add(a.alertId())) {
                    continue;
                }
                if (firstAlert < 0) {
                    firstAlert = (System.nanoTime() - start) / 1e9;
                }
                if (json) {
                    out.println(Json.writeString(a));
                    out.flush();
                } else {
                    String head = String.format("ALERT %-6s %s", a.severity(), a.rule().name());
                    err.println((colour ? "\u001b[1;31m" + head + "\u001b[0m" : head) + ": " + SafeText.line(a.reason()));
                    err.flush();
                }
            }
        }

        double firstAlertSeconds() {
            return firstAlert;
        }
    }
}
