package io.netrare.ingest;

import io.netrare.schema.spi.JobSpec;

import static java.util.Objects.requireNonNull;

/** Everything the ingest domain needs: format, limits, auditd reassembly, the datafeed filter, the job (for keys). */
public record IngestConfig(InputFormat format, IngestLimits limits, AuditReassemblyConfig audit,
                           DatafeedFilterConfig filter, JobSpec job) {

    public IngestConfig {
        requireNonNull(format, "format is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(job, "job is null");
    }

    public static IngestConfig defaults() {
        return new IngestConfig(InputFormat.AUTO, IngestLimits.defaults(), AuditReassemblyConfig.defaults(),
                DatafeedFilterConfig.defaults(), JobSpec.anchorDefault());
    }

    public IngestConfig withFormat(InputFormat f) {
        return new IngestConfig(f, limits, audit, filter, job);
    }

    public IngestConfig withLimits(IngestLimits l) {
        return new IngestConfig(format, l, audit, filter, job);
    }

    public IngestConfig withFilter(DatafeedFilterConfig f) {
        return new IngestConfig(format, limits, audit, f, job);
    }

    public IngestConfig withAudit(AuditReassemblyConfig a) {
        return new IngestConfig(format, limits, a, filter, job);
    }
}
