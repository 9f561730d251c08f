package io.netrare.deploy.cli;

import io.netrare.ingest.DatafeedReader;
import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestLimits;
import io.netrare.ingest.InputFormat;
import io.netrare.ingest.ParseRun;
import io.netrare.ingest.files.FollowSettings;
import io.netrare.ingest.files.SymlinkPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code netrare parse}: telemetry in, NetworkEvents as NDJSON out; the logic is {@link ParseRun}. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parses ECS JSON, raw auditd logs or Sysmon for Linux XML into NetworkEvents (NDJSON on stdout),",
                "applies the anchor's datafeed filter, prints rejected input and a summary on stderr."})
public final class ParseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|DIR|-",
            description = "File, directory, glob pattern (quoted, e.g. '/var/log/audit/audit.log*'), or - for stdin (repeatable).")
    List<String> inputs;

    @Option(names = {"-f", "--format"}, defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto (per record), ecs, auditd or sysmon. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--datafeed", paramLabel = "DATAFEED.json",
            description = "Take the filter from an Elastic datafeed JSON instead of the anchor's defaults.")
    Path datafeed;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Resume each file from the position saved here, and save the new positions.")
    Path checkpoint;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Reject events older than this before now (ISO-8601, e.g. P30D). Default: no limit, for replays.")
    Duration maxAge;

    @Option(names = "--missing-timestamp", defaultValue = "reject", paramLabel = "reject|now",
            description = "What to do with a document without a timestamp. Default: ${DEFAULT-VALUE}.")
    String missingTimestamp;

    @Option(names = "--show-filtered", description = "Also print filtered records and their reason on stderr.")
    boolean showFiltered;

    @Option(names = "--follow", description = {"Follow the files like a log shipper: read what is appended, through",
            "rotations (rename, copytruncate) and truncation, until interrupted. Use with --checkpoint to resume."})
    boolean follow;

    @Option(names = "--idle-exit", paramLabel = "DURATION",
            description = "With --follow: stop after this long without a new line (ISO-8601, e.g. PT30S).")
    Duration idleExit;

    @Option(names = "--partial-line-timeout", paramLabel = "DURATION", defaultValue = "PT5S",
            description = "With --follow: read a last line without its newline after this long. Default: ${DEFAULT-VALUE}.")
    Duration partialLineTimeout;

    @Option(names = "--symlinks", defaultValue = "follow", paramLabel = "follow|skip",
            description = "Read symbolic links' targets (each file once) or skip links. Default: ${DEFAULT-VALUE}.")
    String symlinks;

    @Override
    public Integer call() {
        IngestConfig config = IngestConfig.defaults().withFormat(InputFormat.parse(format));
        IngestLimits limits = config.limits().withMaxPast(maxAge);
        IngestLimits.MissingTimestamp missing = CommandSupport.oneOf(spec, "--missing-timestamp", missingTimestamp,
                Map.entry("reject", limits.missingTimestamp()),
                Map.entry("now", IngestLimits.MissingTimestamp.USE_INGEST_TIME));
        config = config.withLimits(limits.withMissingTimestamp(missing));
        if (datafeed != null) {
            config = config.withFilter(DatafeedReader.read(datafeed));
        }
        SymlinkPolicy links = CommandSupport.oneOf(spec, "--symlinks", symlinks,
                Map.entry("follow", SymlinkPolicy.FOLLOW), Map.entry("skip", SymlinkPolicy.SKIP));
        FollowSettings followSettings = FollowSettings.defaults().withEnabled(follow).withSymlinks(links)
                .withPartialLineTimeout(partialLineTimeout);
        ParseRun.Options options;
        try {
            options = new ParseRun.Options(inputs, config, checkpoint, showFiltered, followSettings, idleExit);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        new ParseRun(options, Clock.systemUTC()).run(System.in, System.out, System.err);
        System.out.flush();
        return 0;
    }
}
