package io.netrare.ingest.service;

import io.netrare.ingest.AuditReassemblyConfig;
import io.netrare.ingest.DatafeedFilterConfig;
import io.netrare.ingest.DatafeedReader;
import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestLimits;
import io.netrare.ingest.InputFormat;
import io.netrare.ingest.files.FollowSettings;
import io.netrare.runtime.config.Durations;
import io.netrare.schema.spi.JobSpec;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@code ingest:} section of the service config.
 *
 * @param files       files, directories or glob patterns ({@code /var/log/audit/audit.log*}); positions are
 *                    committed with the events
 * @param rawTopic    also read the raw topic ({@code <prefix>.raw}) where Beats or Elastic Agent write
 * @param format      auto (per record), ecs, auditd or sysmon
 * @param datafeed    an Elastic datafeed JSON whose query becomes the filter; null keeps the anchor's defaults
 * @param batchLines  lines per transaction when reading files
 * @param maxPast     events older than this are rejected; {@code none} replays history of any age
 * @param follow      follow the files like a log shipper (tail, rotations, truncation) or read them once
 * @param checkpoints how the positions topic is created
 * @param audit       auditd reassembly: event-time window, events in flight, wall-clock timeout
 * @param rawJoin     joining auditd events split over raw-topic records
 * @param eventsPerRecord most events the file source packs into one record of the events topic (a batch; 0 or
 *                    absent: {@value #EVENTS_PER_RECORD}); 1 writes one event per record, for consumers outside
 *                    netrare that read single events
 */
public record IngestSettings(List<Path> files, boolean rawTopic, InputFormat format, Path datafeed, int batchLines,
                             String maxPast, FollowSettings follow, CheckpointTopicSettings checkpoints,
                             AuditReassemblyConfig audit, RawJoinSettings rawJoin, int eventsPerRecord) {

    /** The default of {@code events_per_record}. */
    public static final int EVENTS_PER_RECORD = 100;

    public IngestSettings {
        files = files == null ? List.of() : List.copyOf(files);
        requireNonNull(format, "format is null");
        maxPast = maxPast == null ? "30d" : maxPast;
        if (!maxPast.equals("none")) {
            Durations.parse(maxPast); // validates
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("batch_lines must be at least 1");
        }
        follow = follow == null ? FollowSettings.defaults() : follow;
        checkpoints = checkpoints == null ? CheckpointTopicSettings.defaults() : checkpoints;
        audit = audit == null ? AuditReassemblyConfig.defaults() : audit;
        rawJoin = rawJoin == null ? RawJoinSettings.defaults() : rawJoin;
        if (eventsPerRecord < 0 || eventsPerRecord > 10_000) {
            throw new IllegalArgumentException("events_per_record must be 1 to 10000, got " + eventsPerRecord);
        }
        eventsPerRecord = eventsPerRecord == 0 ? EVENTS_PER_RECORD : eventsPerRecord;
    }

    public IngestSettings(List<Path> files, boolean rawTopic, InputFormat format, Path datafeed, int batchLines,
                          String maxPast) {
        this(files, rawTopic, format, datafeed, batchLines, maxPast, null, null, null, null, 0);
    }

    public static IngestSettings defaults() {
        return new IngestSettings(List.of(), true, InputFormat.AUTO, null, 5000, "30d");
    }

    public IngestSettings withFiles(List<Path> f) {
        return new IngestSettings(f, rawTopic, format, datafeed, batchLines, maxPast, follow, checkpoints, audit, rawJoin, eventsPerRecord);
    }

    public IngestSettings withMaxPast(String past) {
        return new IngestSettings(files, rawTopic, format, datafeed, batchLines, past, follow, checkpoints, audit, rawJoin, eventsPerRecord);
    }

    public IngestSettings withRawTopic(boolean on) {
        return new IngestSettings(files, on, format, datafeed, batchLines, maxPast, follow, checkpoints, audit, rawJoin, eventsPerRecord);
    }

    public IngestSettings withFollow(FollowSettings f) {
        return new IngestSettings(files, rawTopic, format, datafeed, batchLines, maxPast, f, checkpoints, audit, rawJoin, eventsPerRecord);
    }

    public IngestSettings withEventsPerRecord(int n) {
        return new IngestSettings(files, rawTopic, format, datafeed, batchLines, maxPast, follow, checkpoints, audit, rawJoin, n);
    }

    public IngestSettings withBatchLines(int n) {
        return new IngestSettings(files, rawTopic, format, datafeed, n, maxPast, follow, checkpoints, audit, rawJoin, eventsPerRecord);
    }

    /** The domain config these settings give, for a job's entity keys. */
    public IngestConfig ingestConfig(JobSpec job) {
        return new IngestConfig(format, IngestLimits.defaults()
                .withMaxPast(maxPast.equals("none") ? null : Durations.parse(maxPast)),
                audit,
                datafeed == null ? DatafeedFilterConfig.defaults() : DatafeedReader.read(datafeed),
                job);
    }
}
