package io.netrare.ingest;

import java.util.Locale;

/** Why an input record could not be used at all. Rejected input goes to the DLQ (or stderr) with this reason. */
public enum RejectReason {
    RECORD_TOO_LARGE,
    LINE_TOO_LONG,
    TOO_MANY_LINES,
    FIELD_TOO_LONG,
    INVALID_ENCODING,
    MALFORMED_JSON,
    MALFORMED_XML,
    MALFORMED_AUDIT,
    UNKNOWN_FORMAT,
    INVALID_FIELD,
    TIMESTAMP_MISSING,
    TIMESTAMP_INVALID,
    TIMESTAMP_IN_FUTURE,
    TIMESTAMP_TOO_OLD,
    /** An auditd record whose sequence belongs to an event that was already completed and emitted. */
    LATE_AUDIT_RECORD;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
