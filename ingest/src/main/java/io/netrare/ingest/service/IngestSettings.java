package io.netrare.ingest.service;

import io.netrare.ingest.InputFormat;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@code ingest:} section of the service config.
 *
 * @param files       files or directories read once to their end (positions survive restarts)
 * @param rawTopic    also read the raw topic ({@code <prefix>.raw}) where Beats or Elastic Agent write
 * @param format      auto (per record), ecs, auditd or sysmon
 * @param datafeed    an Elastic datafeed JSON whose query becomes the filter; null keeps the anchor's defaults
 * @param batchLines  lines per transaction when reading files
 * @param maxPast     events older than this are rejected; {@code none} replays history of any age
 */
public record IngestSettings(List<Path> files, boolean rawTopic, InputFormat format, Path datafeed, int batchLines,
                             String maxPast) {

    public IngestSettings {
        files = files == null ? List.of() : List.copyOf(files);
        requireNonNull(format, "format is null");
        maxPast = maxPast == null ? "30d" : maxPast;
        if (!maxPast.equals("none")) {
            io.netrare.runtime.config.Durations.parse(maxPast); // validates
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("batch_lines must be at least 1");
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(List.of(), true, InputFormat.AUTO, null, 5000, "30d");
    }

    public IngestSettings withFiles(List<Path> f) {
        return new IngestSettings(f, rawTopic, format, datafeed, batchLines, maxPast);
    }

    public IngestSettings withMaxPast(String past) {
        return new IngestSettings(files, rawTopic, format, datafeed, batchLines, past);
    }

    /** The domain config these settings give, for a job's entity keys. */
    public io.netrare.ingest.IngestConfig ingestConfig(io.netrare.schema.spi.JobSpec job) {
        io.netrare.ingest.IngestConfig c = new io.netrare.ingest.IngestConfig(format, io.netrare.ingest.IngestLimits.defaults()
                .withMaxPast(maxPast.equals("none") ? null : io.netrare.runtime.config.Durations.parse(maxPast)),
                io.netrare.ingest.AuditReassemblyConfig.defaults(),
                datafeed == null ? io.netrare.ingest.DatafeedFilterConfig.defaults() : io.netrare.ingest.DatafeedReader.read(datafeed),
                job);
        return c;
    }

    public IngestSettings withRawTopic(boolean on) {
        return new IngestSettings(files, on, format, datafeed, batchLines, maxPast);
    }
}
