package io.netrare.ingest;

import io.netrare.ingest.files.FileTailer;
import io.netrare.ingest.files.FollowSettings;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code netrare parse}: reads files, directories, glob patterns or stdin, writes emitted NetworkEvents as
 * NDJSON to {@code out}, rejected input with its reason to {@code err}, then a summary to {@code err}. Files
 * are read once to their end, or followed like a log shipper ({@link FollowSettings#enabled()}) until the
 * thread is interrupted or no line came for {@code idleExit}.
 */
public final class ParseRun {

    /**
     * @param inputs     files, directories (their regular files), glob patterns or "-" for stdin
     * @param checkpoint a checkpoint file to resume from and update, or null
     * @param follow     how files are followed (not enabled: read once)
     * @param idleExit   when following, stop after this long without a new line; null follows until interrupted
     */
    public record Options(List<String> inputs, IngestConfig config, Path checkpoint, boolean showFiltered,
                          FollowSettings follow, Duration idleExit) {
        public Options {
            inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
            requireNonNull(config, "config is null");
            follow = follow == null ? FollowSettings.defaults() : follow;
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no input given");
            }
            if (follow.enabled() && inputs.contains("-")) {
                throw new IllegalArgumentException("stdin cannot be followed; give files or patterns");
            }
        }

        public Options(List<String> inputs, IngestConfig config, Path checkpoint, boolean showFiltered) {
            this(inputs, config, checkpoint, showFiltered, null, null);
        }
    }

    private static final int BATCH_LINES = 5000;

    private final Options options;
    private final Clock clock;

    public ParseRun(Options options, Clock clock) {
        this.options = requireNonNull(options, "options is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public IngestCounts run(InputStream stdin, OutputStream stdout, PrintStream err) {
        IngestCounts counts = new IngestCounts();
        try (OutputStream out = new BufferedOutputStream(stdout, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush(); // the caller owns stdout
            }
        }) {
            List<Path> patterns = new ArrayList<>();
            for (String input : options.inputs()) {
                if (!input.equals("-")) {
                    patterns.add(Path.of(input));
                }
            }
            java.util.Optional<Path> missing = io.netrare.ingest.files.FilePatterns.firstMissing(patterns);
            if (missing.isPresent()) {
                throw new IOException("no such file: " + missing.get());
            }
            if (!patterns.isEmpty()) {
                readFiles(patterns, counts, out, err);
            }
            if (options.inputs().contains("-")) {
                IngestPipeline pipeline = new IngestPipeline(options.config(), clock, "stdin", outcome -> {
                    counts.accept(outcome);
                    write(outcome, out, err);
                });
                new LineReader(stdin, options.config().limits().maxRecordBytes(), 0).readAll(pipeline::line);
                pipeline.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.print(counts.summary());
        err.flush();
        return counts;
    }

    private void readFiles(List<Path> patterns, IngestCounts counts, OutputStream out, PrintStream err) throws IOException {
        CheckpointStore checkpoints = options.checkpoint() == null ? null : new CheckpointStore(options.checkpoint());
        FollowSettings follow = options.follow();
        try (FileTailer tailer = new FileTailer(patterns, follow, options.config(), clock,
                checkpoints == null ? Map.of() : checkpoints.positions())) {
            Instant lastLine = clock.instant();
            while (!Thread.currentThread().isInterrupted()) {
                FileTailer.Batch batch = tailer.poll(BATCH_LINES);
                for (FileTailer.Read r : batch.outcomes()) {
                    counts.accept(r.outcome());
                    write(r.outcome(), out, err);
                }
                if (!batch.outcomes().isEmpty()) {
                    out.flush(); // written before the positions that cover it are saved
                }
                if (checkpoints != null) {
                    checkpoints.save(batch.positions());
                }
                if (tailer.finished()) {
                    return;
                }
                if (batch.lines() > 0) {
                    lastLine = clock.instant();
                } else if (options.idleExit() != null && !clock.instant().isBefore(lastLine.plus(options.idleExit()))) {
                    return;
                } else {
                    try {
                        Thread.sleep(Math.max(1, follow.pollInterval().toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }


    private void write(Outcome outcome, OutputStream out, PrintStream err) {
        try {
            if (outcome instanceof Outcome.Emitted e) {
                out.write(EventCodec.encodeJson(e.event()));
                out.write('\n');
            } else if (outcome instanceof Outcome.Rejected r) {
                String original = new String(r.original(), 0, Math.min(r.original().length, 200), StandardCharsets.UTF_8)
                        .replace('\n', ' ');
                err.println("rejected " + r.reason().tag() + " " + r.source() + "@" + r.offset() + ": " + r.detail()
                        + " | " + original);
            } else if (options.showFiltered() && outcome instanceof Outcome.Filtered f) {
                err.println("filtered " + f.reason().tag() + ": " + f.detail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
