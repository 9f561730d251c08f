package io.netrare.model.training;

/** What the training share protocol reports as it runs; the service counts it in its metrics. */
public interface TrainingEvents {

    /** Reports nothing. */
    TrainingEvents NONE = new TrainingEvents() {
    };

    /** Events folded into an open bucket ({@code count} events, an event may stand for several). */
    default void learned(long count) {
    }

    /** An event whose bucket had closed. */
    default void late() {
    }

    /** An event of a closed bucket read again after a restart. */
    default void replayed() {
    }

    /** A bucket closed, learned and published as a delta. */
    default void deltaPublished(long bucket) {
    }

    /** A delta or snapshot too large for one producer request, published in {@code parts} parts. */
    default void messageSplit(int parts) {
    }

    /** A share's whole state published, at wall-clock time {@code epochMillis}. */
    default void snapshotPublished(long epochMillis) {
    }
}
