package io.netrare.deploy.cli;

import io.netrare.ingest.DatafeedReader;
import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestCounts;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.InputFormat;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.model.JobConfig;
import io.netrare.model.ModelModules;
import io.netrare.model.ModelSelection;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.scoring.EngineConfig;
import io.netrare.scoring.OfflineScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code netrare score}: parse, filter, learn and score in one process, and print the anomaly records as NDJSON.
 * The reference the Kafka pipeline is checked against.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Parses, filters, learns and scores a file offline; prints AnomalyRecords as NDJSON.")
public final class ScoreCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|DIR|-",
            description = "Input files or directories (their files in name order), or - for stdin.")
    List<String> inputs;

    @Option(names = "--job", paramLabel = "JOB.json", description = "An Elastic anomaly-detection job JSON. Default: the anchor's job.")
    Path job;

    @Option(names = "--datafeed", paramLabel = "DATAFEED.json", description = "An Elastic datafeed JSON whose query becomes the filter.")
    Path datafeed;

    @Option(names = "--model", defaultValue = "rare", paramLabel = "rare|first_seen|peer_rare", description = "Model. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--partition-field", paramLabel = "FIELD", description = "Per-partition baselines, e.g. host.name.")
    String partitionField;

    @Option(names = {"-f", "--format"}, defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto|ecs|auditd|sysmon, or events for NetworkEvent NDJSON (netrare parse output). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--partitions", defaultValue = "4", paramLabel = "N",
            description = "Partitions of the events topic of the pipeline to reproduce: each closes its buckets on its own watermark, as the training service's shares do. Default: ${DEFAULT-VALUE}, as netrare run.")
    int partitions;

    @Option(names = "--all-versions", description = "Print every record version as emitted (interim, final, renormalized), not only the latest final ones.")
    boolean allVersions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JobConfig config = jobConfig();
        OfflineScorer scorer = OfflineScorer.forPartitions(config.job(), ModelModules.provider(config),
                EngineConfig.defaults(), Clock.systemUTC(), partitions);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OfflineScorer.Session session = scorer.open(r -> {
            if (allVersions) {
                out.println(Json.writeString(r));
            }
        });
        IngestCounts counts = read(session);
        OfflineScorer.Result result = session.finish();
        if (!allVersions) {
            for (AnomalyRecord r : result.finalRecords()) {
                out.println(Json.writeString(r));
            }
        }
        out.flush();
        err.printf("scored %d events: %d buckets, %d late events, %d records (%d versions emitted)%n",
                session.events(), result.bucketsClosed(), result.lateEvents(), result.finalRecords().size(),
                result.emitted().size());
        if (counts != null) {
            err.print(counts.summary());
        }
        err.flush();
        return 0;
    }

    private JobConfig jobConfig() throws IOException {
        JobConfig config = JobConfig.anchorDefault();
        if (job != null) {
            String name = job.getFileName().toString().replaceFirst("\\.json$", "");
            config = JobConfig.fromElasticJob(Json.mapper().readTree(job.toFile()), name);
        }
        config = config.withModel(new ModelSelection(model));
        return partitionField == null ? config : config.withPartitionField(partitionField);
    }

    /**
     * Feeds parsed, filtered events to the session. This is the one place where input becomes NetworkEvents:
     * the ingest pipeline (parsers + datafeed filter), or NetworkEvent NDJSON with {@code --format events}.
     */
    private IngestCounts read(OfflineScorer.Session session) throws IOException {
        if (format.equals("events")) {
            for (String input : inputs) {
                try (InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
                     BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (!line.isBlank()) {
                            session.accept(Json.read(line, NetworkEvent.class));
                        }
                    }
                }
            }
            return null;
        }
        IngestConfig ingest = IngestConfig.defaults().withFormat(InputFormat.parse(format));
        // offline scoring replays history: no limit on how old an event may be
        ingest = ingest.withLimits(ingest.limits().withMaxPast(null));
        if (datafeed != null) {
            ingest = ingest.withFilter(DatafeedReader.read(datafeed));
        }
        IngestCounts counts = new IngestCounts();
        for (String input : inputs) {
            for (Path file : input.equals("-") ? List.<Path>of() : files(Path.of(input))) {
                try (InputStream in = Files.newInputStream(file)) {
                    pipe(ingest, file.toString(), in, counts, session);
                }
            }
            if (input.equals("-")) {
                pipe(ingest, "stdin", System.in, counts, session);
            }
        }
        return counts;
    }

    private static void pipe(IngestConfig ingest, String source, InputStream in, IngestCounts counts,
                             OfflineScorer.Session session) throws IOException {
        IngestPipeline pipeline = new IngestPipeline(ingest, Clock.systemUTC(), source, outcome -> {
            counts.accept(outcome);
            if (outcome instanceof Outcome.Emitted e) {
                session.accept(e.event());
            }
        });
        new LineReader(in, ingest.limits().maxRecordBytes(), 0).readAll(pipeline::line);
        pipeline.finish();
    }

    private static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.list(input)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
