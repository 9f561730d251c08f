package io.netrare.models.firstseen;

import io.netrare.schema.spi.JobSpec;

/** Test helpers: bucket starts by index. */
final class Buckets {
    static final JobSpec JOB = JobSpec.anchorDefault();
    static final long SPAN = JOB.bucketSpanMillis();
    static final long T0 = 1_700_000_100_000L / SPAN * SPAN;

    private Buckets() {
    }

    static long at(int index) {
        return T0 + index * SPAN;
    }
}
