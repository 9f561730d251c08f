package io.netrare.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netrare.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Read positions per source in a small JSON file, replaced atomically on every save so a crash leaves
 * either the old or the new positions, never a torn file. Used by file sources outside Kafka; the Kafka
 * service commits positions with its output instead.
 */
public final class CheckpointStore {

    /**
     * Where to resume a source.
     *
     * @param offset        byte offset of the first line not yet fully accounted for
     * @param auditSequence the last auditd serial emitted before {@code offset}'s events, or -1
     */
    public record Position(long offset, long auditSequence) {
        public static final Position START = new Position(0, -1);
    }

    private final Path file;
    private final Map<String, Position> positions = new TreeMap<>();

    public CheckpointStore(Path file) {
        this.file = requireNonNull(file, "file is null");
        if (Files.exists(file)) {
            try {
                positions.putAll(Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Position>>() { }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Position get(String source) {
        return positions.getOrDefault(source, Position.START);
    }

    public void save(String source, Position position) {
        positions.put(source, position);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, Json.write(positions));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }
}
