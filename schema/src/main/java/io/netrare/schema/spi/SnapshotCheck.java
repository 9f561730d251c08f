package io.netrare.schema.spi;

import io.netrare.schema.ModelSnapshot;

import static java.util.Objects.requireNonNull;

/**
 * Whether a stored model snapshot may be restored into the running model: only a snapshot of the same model
 * type and state format version may. A snapshot of another type or version is refused with a
 * {@link SnapshotMismatchException} naming both, or, when the config says {@link OnMismatch#fresh}, left out
 * so that the model starts over from what the models topic keeps besides it. Never restored into the wrong
 * model.
 *
 * @param modelType     the running implementation's type
 * @param formatVersion its state format version
 * @param onMismatch    what a mismatch does
 */
public record SnapshotCheck(String modelType, int formatVersion, OnMismatch onMismatch) {

    /** What a snapshot of another model type or format version does: {@code fail} (default) or {@code fresh}. */
    public enum OnMismatch { fail, fresh }

    public SnapshotCheck {
        requireNonNull(modelType, "modelType is null");
        requireNonNull(onMismatch, "onMismatch is null");
    }

    /** The check for a provider. */
    public static SnapshotCheck of(ModelProvider provider, OnMismatch onMismatch) {
        return new SnapshotCheck(provider.type(), provider.formatVersion(), onMismatch);
    }

    /**
     * True when the snapshot may be restored; false when it must be left out (fresh start).
     *
     * @throws SnapshotMismatchException when it may not be restored and the policy is {@code fail}
     */
    public boolean restorable(ModelSnapshot snapshot) {
        String mismatch = mismatch(snapshot);
        if (mismatch == null) {
            return true;
        }
        if (onMismatch == OnMismatch.fail) {
            throw new SnapshotMismatchException(mismatch + "; to start this model afresh instead, set "
                    + "job.on_snapshot_mismatch: fresh (or use a new kafka.topic_prefix)");
        }
        return false;
    }

    /** Null when the snapshot fits; otherwise what differs, naming both types and versions. */
    public String mismatch(ModelSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot is null");
        if (snapshot.modelType().equals(modelType) && snapshot.formatVersion() == formatVersion) {
            return null;
        }
        return "the snapshot of job " + snapshot.jobId() + " share " + snapshot.modelPartition()
                + " was written by model type '" + snapshot.modelType() + "' format version " + snapshot.formatVersion()
                + ", but this service runs model type '" + modelType + "' format version " + formatVersion;
    }

    /** A stored snapshot the running model cannot restore. */
    public static final class SnapshotMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public SnapshotMismatchException(String message) {
            super(message);
        }
    }
}
