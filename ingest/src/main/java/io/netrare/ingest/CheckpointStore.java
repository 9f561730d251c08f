package io.netrare.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.ingest.files.FileIdentity;
import io.netrare.ingest.files.FilePosition;
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
 * File positions (by device and inode, see {@link FileIdentity}) in a small JSON file, replaced atomically on
 * every save so a crash leaves either the old or the new positions, never a torn file. Used by
 * {@code netrare parse}; the Kafka service commits positions with its output instead. Entries of the older
 * path-keyed form are ignored (those files are read again from the start).
 */
public final class CheckpointStore {

    private final Path file;
    private final Map<String, FilePosition> positions = new TreeMap<>();

    public CheckpointStore(Path file) {
        this.file = requireNonNull(file, "file is null");
        if (Files.exists(file)) {
            try {
                Map<String, JsonNode> raw = Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, JsonNode>>() { });
                for (Map.Entry<String, JsonNode> e : raw.entrySet()) {
                    if (FileIdentity.isKey(e.getKey())) {
                        positions.put(e.getKey(), Json.mapper().treeToValue(e.getValue(), FilePosition.class));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Every position saved, by identity key. */
    public Map<String, FilePosition> positions() {
        return Map.copyOf(positions);
    }

    /** Records new positions (a null value deletes its key) and replaces the file. */
    public void save(Map<String, FilePosition> changed) {
        if (changed.isEmpty()) {
            return;
        }
        changed.forEach((k, v) -> {
            if (v == null) {
                positions.remove(k);
            } else {
                positions.put(k, v);
            }
        });
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
