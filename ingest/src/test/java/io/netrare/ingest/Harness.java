package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs input through a pipeline and keeps every outcome. */
final class Harness {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);

    /** Defaults, but no past limit: the fixtures are years old. */
    static IngestConfig replayConfig() {
        IngestConfig d = IngestConfig.defaults();
        return d.withLimits(d.limits().withMaxPast(null));
    }

    record Result(List<Outcome> outcomes, IngestCounts counts) {
        List<NetworkEvent> events() {
            List<NetworkEvent> out = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o instanceof Outcome.Emitted e) {
                    out.add(e.event());
                }
            }
            return out;
        }

        List<Outcome.Filtered> filtered() {
            return outcomes.stream().filter(o -> o instanceof Outcome.Filtered).map(o -> (Outcome.Filtered) o).toList();
        }

        List<Outcome.Rejected> rejected() {
            return outcomes.stream().filter(o -> o instanceof Outcome.Rejected).map(o -> (Outcome.Rejected) o).toList();
        }
    }

    static Result run(IngestConfig config, byte[] input) {
        return run(config, CLOCK, new ByteArrayInputStream(input));
    }

    static Result run(IngestConfig config, String input) {
        return run(config, input.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #run(IngestConfig, String)} on a stream whose auditd serials up to {@code lastSerial} were emitted. */
    static Result runAfter(IngestConfig config, String input, long lastSerial) {
        return run(config, CLOCK, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), lastSerial);
    }

    static Result run(IngestConfig config, Clock clock, InputStream in) {
        return run(config, clock, in, -1);
    }

    static Result run(IngestConfig config, Clock clock, InputStream in, long lastSerial) {
        List<Outcome> outcomes = new ArrayList<>();
        IngestCounts counts = new IngestCounts();
        IngestPipeline pipeline = new IngestPipeline(config, clock, "test", o -> {
            outcomes.add(o);
            counts.accept(o);
        });
        pipeline.resumeAfterAuditSequence(lastSerial);
        try {
            new LineReader(in, config.limits().maxRecordBytes(), 0).readAll(pipeline::line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pipeline.finish();
        return new Result(outcomes, counts);
    }

    static byte[] fixture(String path) {
        try {
            return Files.readAllBytes(fixturePath(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixturePath(String path) {
        try {
            return Paths.get(Harness.class.getResource("/" + path).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("no test resource " + path, e);
        }
    }

    /** The event without where it was read, to compare events from different inputs. */
    static NetworkEvent withoutProvenance(NetworkEvent e) {
        return new NetworkEvent(e.schemaVersion(), e.timestamp(), e.host(), e.process(), e.user(), e.source(),
                e.destination(), e.network(), e.event(), e.count(), null);
    }
}
