package io.netrare.scoring.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import io.netrare.schema.ScoringSnapshotPart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * The scoring service's state after it scored {@code bucket}: the union model every scoring instance holds, the
 * normalizer, and where renormalization cycles stand. Every instance that has scored the same bucket holds the
 * same state, so any instance's snapshot restores any other. On the wire it is gzipped JSON cut into
 * {@link ScoringSnapshotPart}s that each fit a producer request.
 *
 * @param jobId         the job
 * @param modelType     the model implementation that wrote {@code model}
 * @param formatVersion the version of that implementation's state format
 * @param bucket        the last bucket scored (learned) into this state
 * @param lastScored    the last bucket with entities learned (renormalization cycles count from it)
 * @param model         the model's {@code snapshot()}
 * @param normalizer    the normalizer's {@code snapshot()}
 */
public record ScoringSnapshot(@JsonProperty("job_id") String jobId,
                              @JsonProperty("model_type") String modelType,
                              @JsonProperty("model_format_version") int formatVersion,
                              long bucket,
                              @JsonProperty("last_scored") long lastScored,
                              JsonNode model,
                              JsonNode normalizer) {

    public ScoringSnapshot {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(modelType, "modelType is null");
        requireNonNull(model, "model is null");
        requireNonNull(normalizer, "normalizer is null");
    }

    /** The parts to write for {@code partition}, each holding at most {@code maxPartBytes} of compressed state. */
    public List<ScoringSnapshotPart> parts(int partition, int maxPartBytes) {
        if (maxPartBytes < 1) {
            throw new IllegalArgumentException("maxPartBytes must be positive");
        }
        byte[] all = gzip(Json.write(this));
        int n = Math.max(1, (all.length + maxPartBytes - 1) / maxPartBytes);
        List<ScoringSnapshotPart> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoringSnapshotPart(jobId, partition, bucket, i, n,
                    Arrays.copyOfRange(all, i * maxPartBytes, Math.min(all.length, (i + 1) * maxPartBytes))));
        }
        return out;
    }

    /**
     * Joins the parts of one snapshot, in part order.
     *
     * @throws IllegalArgumentException when they are not every part of one snapshot, or do not decode
     */
    public static ScoringSnapshot join(List<ScoringSnapshotPart> parts) {
        if (parts.isEmpty() || parts.size() != parts.get(0).parts()) {
            throw new IllegalArgumentException("incomplete snapshot: " + parts.size() + " parts of "
                    + (parts.isEmpty() ? "?" : parts.get(0).parts()));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            ScoringSnapshotPart p = parts.get(i);
            if (p.part() != i || p.bucket() != parts.get(0).bucket() || p.parts() != parts.size()) {
                throw new IllegalArgumentException("parts of different snapshots: " + parts);
            }
            all.writeBytes(p.data());
        }
        try {
            return Json.read(gunzip(all.toByteArray()), ScoringSnapshot.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable snapshot of bucket " + parts.get(0).bucket() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("not gzip: " + e.getMessage(), e);
        }
    }
}
