package io.netrare.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.ingest.DatafeedReader;
import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestCounts;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.InputFormat;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.runtime.job.JobSettings;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.ElasticJobs;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    @Option(names = "--model", defaultValue = "rare", paramLabel = "TYPE",
            description = "Model type: any implementation on the classpath (rare, first_seen, peer_rare are shipped). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--model-setting", paramLabel = "KEY=VALUE",
            description = "A setting of the model, as job.model_settings takes it (repeatable), e.g. entity_cap=50000.")
    Map<String, String> modelSettings = new LinkedHashMap<>();

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobSettings job;
        try {
            job = jobSettings();
        } catch (IllegalArgumentException e) {
            err.println("netrare score: " + e.getMessage());
            err.flush();
            return 2;
        }
        OfflineScorer scorer = OfflineScorer.forPartitions(job.toJobSpec(), job.modelProvider(), EngineConfig.defaults(),
                Clock.systemUTC(), partitions);
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

    /** Estimated bytes of model state per entity, measured for {@code rare} (docs/benchmarks.md), rounded up. */
    static final long BYTES_PER_ENTITY = 320;

    /**
     * The job: the anchor's, or an Elastic job JSON's; the model with its settings. A job's {@code model_memory_limit}
     * sets the model's {@code entity_cap} (when it has one and {@code --model-setting} does not set it).
     */
    JobSettings jobSettings() throws IOException {
        JobSpec spec = JobSpec.anchorDefault();
        Map<String, String> settings = new LinkedHashMap<>(modelSettings);
        if (job != null) {
            JsonNode json = Json.mapper().readTree(job.toFile());
            spec = ElasticJobs.read(json, job.getFileName().toString().replaceFirst("\\.json$", ""));
            OptionalLong limit = ElasticJobs.modelMemoryLimit(json);
            if (limit.isPresent() && !settings.containsKey("entity_cap")
                    && ModelPlugin.load(model).defaultSettings().containsKey("entity_cap")) {
                settings.put("entity_cap", Long.toString(entityCap(limit.getAsLong())));
            }
        }
        return new JobSettings(spec.jobId(), spec.bucketSpan(), spec.byFieldName(),
                partitionField != null ? partitionField : spec.partitionFieldName(), spec.influencers(), model, settings,
                null);
    }

    /** The entity cap a memory limit allows: at least 1,000. */
    static long entityCap(long memoryLimitBytes) {
        return Math.max(1000, Math.min(Integer.MAX_VALUE, memoryLimitBytes / BYTES_PER_ENTITY));
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
