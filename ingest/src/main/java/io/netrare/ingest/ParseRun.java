package io.netrare.ingest;

import io.netrare.schema.EventCodec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code netrare parse}: reads files, directories or stdin, writes emitted NetworkEvents as NDJSON to
 * {@code out}, rejected input with its reason to {@code err}, then a summary to {@code err}.
 */
public final class ParseRun {

    /**
     * @param inputs     files, directories (their regular files, in name order) or "-" for stdin
     * @param checkpoint a checkpoint file to resume from and update, or null
     */
    public record Options(List<String> inputs, IngestConfig config, Path checkpoint, boolean showFiltered) {
        public Options {
            inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
            requireNonNull(config, "config is null");
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("no input given");
            }
        }
    }

    private final Options options;
    private final Clock clock;

    public ParseRun(Options options, Clock clock) {
        this.options = requireNonNull(options, "options is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public IngestCounts run(InputStream stdin, OutputStream stdout, PrintStream err) {
        IngestCounts counts = new IngestCounts();
        CheckpointStore checkpoints = options.checkpoint() == null ? null : new CheckpointStore(options.checkpoint());
        try (OutputStream out = new BufferedOutputStream(stdout, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush(); // the caller owns stdout
            }
        }) {
            for (String input : options.inputs()) {
                if (input.equals("-")) {
                    readSource("stdin", stdin, 0, -1, counts, out, err, null);
                    continue;
                }
                for (Path file : files(Path.of(input))) {
                    String source = file.toString();
                    CheckpointStore.Position from = checkpoints == null ? CheckpointStore.Position.START : checkpoints.get(source);
                    try (InputStream in = Files.newInputStream(file)) {
                        in.skipNBytes(Math.min(from.offset(), Files.size(file)));
                        readSource(source, in, from.offset(), from.auditSequence(), counts, out, err, checkpoints);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.print(counts.summary());
        err.flush();
        return counts;
    }

    private void readSource(String source, InputStream in, long offset, long auditSequence, IngestCounts counts,
                            OutputStream out, PrintStream err, CheckpointStore checkpoints) throws IOException {
        IngestPipeline pipeline = new IngestPipeline(options.config(), clock, source, outcome -> {
            counts.accept(outcome);
            write(outcome, out, err);
        });
        pipeline.resumeAfterAuditSequence(auditSequence);
        LineReader reader = new LineReader(in, options.config().limits().maxRecordBytes(), offset);
        reader.readAll(pipeline::line);
        pipeline.finish();
        if (checkpoints != null) {
            checkpoints.save(source, new CheckpointStore.Position(pipeline.resumeOffset(reader.position()),
                    pipeline.lastAuditSequence()));
        }
    }

    private void write(Outcome outcome, OutputStream out, PrintStream err) {
        try {
            if (outcome instanceof Outcome.Emitted e) {
                out.write(EventCodec.encode(e.event()));
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

    private static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new IOException("no such file: " + input);
            }
            return List.of(input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(input)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }
}
