package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;

import static java.util.Objects.requireNonNull;

/**
 * What became of one input record. Exactly one outcome per record read, so that
 * read = emitted + filtered + rejected holds for every source.
 */
public sealed interface Outcome {

    /** A network start that passed the datafeed filter. */
    record Emitted(NetworkEvent event) implements Outcome {
        public Emitted {
            requireNonNull(event, "event is null");
        }
    }

    /** A well-formed record the datafeed does not select. */
    record Filtered(FilterReason reason, String detail) implements Outcome {
        public Filtered {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Input that could not be used; {@code original} holds its bytes (possibly cut at the size limit),
     * {@code source} and {@code offset} say where it was read.
     */
    record Rejected(RejectReason reason, String detail, byte[] original, String source, long offset) implements Outcome {
        public Rejected {
            requireNonNull(reason, "reason is null");
            original = original == null ? new byte[0] : original;
        }
    }
}
