package io.netrare.ingest.service;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.parse.EcsParser;
import io.netrare.schema.Json;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import static java.util.Objects.requireNonNull;

/**
 * The raw-topic state of one input partition: one pipeline per source (host and stream), so that the lines
 * of an auditd event a shipper sent as several records join into one event under the reassembly rules.
 *
 * <p>Nothing is lost on a crash or a rebalance: the partition's committed offset is the first record of the
 * oldest open event ({@link #commitOffset}), and the commit's metadata ({@link #metadata}) says up to where
 * records were read and the last auditd serial each source emitted, so that a restart rebuilds the open
 * events from the records it reads again and skips what was emitted. State is bounded: at most
 * {@code maxSources} sources are kept; the least recently active one beyond is flushed (its open events
 * complete early and are counted as evictions).
 */
final class RawJoin {

    /** What the commit metadata holds. */
    record Resume(long readThrough, Map<String, Long> sequences) {
        static final Resume NONE = new Resume(-1, Map.of());
    }

    /** A source's pipeline and the offset of its last record. */
    private static final class Source {
        final IngestPipeline pipeline;
        long lastOffset;

        Source(IngestPipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    /** Metadata larger than this (the broker's offset.metadata.max.bytes is 4096 by default) flushes every source. */
    static final int MAX_METADATA_CHARS = 3000;

    private final String name;
    private final IngestConfig config;
    private final Clock clock;
    private final int maxSources;
    /** One ECS parser for the partition's sources (one thread), not one per source. */
    private final EcsParser ecs = new EcsParser();
    private final Resume resume;
    private final BiConsumer<String, Outcome> sink;
    private final LinkedHashMap<String, Source> sources = new LinkedHashMap<>(16, 0.75f, true);
    private long evictions;

    /**
     * @param sink receives each outcome with the key of the source it came from
     */
    RawJoin(String name, IngestConfig config, Clock clock, int maxSources, Resume resume, BiConsumer<String, Outcome> sink) {
        this.name = requireNonNull(name, "name is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxSources = maxSources;
        this.resume = requireNonNull(resume, "resume is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    /** The pipeline of a source, created (resumed from the commit metadata) on its first record. */
    IngestPipeline pipeline(String source, long offset) {
        Source s = sources.get(source);
        if (s == null) {
            IngestPipeline p = new IngestPipeline(config, clock, name + (source.isEmpty() ? "" : "/" + source),
                    o -> sink.accept(source, o), ecs);
            p.resumeAfterAuditSequence(resume.sequences().getOrDefault(source, -1L), resume.readThrough());
            s = new Source(p);
            sources.put(source, s);
            evictBeyondBound();
        }
        s.lastOffset = offset;
        return s.pipeline;
    }

    /** Completes events open longer than the reassembly timeout (by the clock). */
    void tick() {
        for (Source s : sources.values()) {
            s.pipeline.tick();
        }
    }

    /** The offset to commit when {@code consumed} is the position after the last record read. */
    long commitOffset(long consumed) {
        long min = consumed;
        for (Source s : sources.values()) {
            min = Math.min(min, s.pipeline.resumeOffset(consumed));
        }
        return min;
    }

    /** The commit metadata (JSON), flushing every source first if it would be too large. */
    String metadata(long consumed) {
        String m = encode(consumed);
        if (m.length() > MAX_METADATA_CHARS) {
            flushAll();
            m = encode(consumed);
        }
        return m;
    }

    private String encode(long consumed) {
        long commit = commitOffset(consumed);
        Map<String, Long> sequences = new HashMap<>();
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            long seq = e.getValue().pipeline.lastAuditSequence();
            if (e.getValue().lastOffset >= commit && seq >= 0) {
                sequences.put(e.getKey(), seq);
            }
        }
        if (commit >= consumed) {
            return "";
        }
        return Json.writeString(new Resume(consumed, sequences));
    }

    static Resume parse(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return Resume.NONE;
        }
        try {
            return Json.read(metadata.getBytes(java.nio.charset.StandardCharsets.UTF_8), Resume.class);
        } catch (RuntimeException e) {
            return Resume.NONE; // written by something else: nothing to skip
        }
    }

    long evictions() {
        return evictions;
    }

    int sources() {
        return sources.size();
    }

    private void evictBeyondBound() {
        Iterator<Map.Entry<String, Source>> it = sources.entrySet().iterator();
        while (sources.size() > maxSources && it.hasNext()) {
            Source eldest = it.next().getValue();
            if (eldest.pipeline.openAuditEvents() > 0) {
                evictions += eldest.pipeline.openAuditEvents();
            }
            eldest.pipeline.finish();
            it.remove();
        }
    }

    private void flushAll() {
        for (Source s : sources.values()) {
            evictions += s.pipeline.openAuditEvents();
            s.pipeline.finish();
        }
        sources.clear();
    }
}
