package io.netrare.ingest;

import io.netrare.ingest.audit.AssembledEvent;
import io.netrare.ingest.audit.AuditEventMapper;
import io.netrare.ingest.audit.AuditLineParser;
import io.netrare.ingest.audit.AuditReassembler;
import io.netrare.ingest.audit.AuditRecord;
import io.netrare.ingest.parse.EcsParser;
import io.netrare.ingest.parse.ParseContext;
import io.netrare.ingest.parse.SysmonParser;
import io.netrare.ingest.parse.SyslogLine;
import io.netrare.ingest.parse.Utf8;
import io.netrare.schema.NetworkEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Parse, normalize and filter for one input stream (a file, stdin, a topic partition): lines in, exactly
 * one {@link Outcome} per input record out. A record is one line for ECS and Sysmon, and one assembled
 * event for raw auditd (a line that cannot join an event, being unreadable or late, is a record of its own).
 * Not thread-safe: one pipeline per stream.
 */
public final class IngestPipeline {

    private static final byte[] SYSMON_MARK = "<Event".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Programs whose syslog lines carry the telemetry read here; their other lines are status messages. */
    private static final java.util.Set<String> SENSORS = java.util.Set.of("sysmon", "auditd", "audispd", "audisp-syslog");
    private static final byte[] AUDIT_MARK = "msg=audit(".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final IngestConfig config;
    private final Clock clock;
    private final String source;
    private final Consumer<Outcome> sink;
    private final EcsParser ecs;
    private final SysmonParser sysmon = new SysmonParser();
    private final AuditEventMapper auditMapper;
    private final AuditReassembler reassembler;
    private final DatafeedFilter filter;
    private final MultiLineJson multiLine;
    /** The event fields whose length is checked against the limit (see {@link #checkedFields}). */
    private final java.util.List<CheckedField> checkedFields;
    /** Input before this offset was read and accounted for before a restart (see resumeAfterAuditSequence). */
    private long replayUntil = -1;

    public IngestPipeline(IngestConfig config, Clock clock, String source, Consumer<Outcome> sink) {
        this(config, clock, source, sink, new EcsParser());
    }

    /**
     * With an ECS parser shared by the pipelines of one thread (a file source's files, a partition's sources), so
     * its reader and its table of recurring values exist once, not once per pipeline.
     */
    public IngestPipeline(IngestConfig config, Clock clock, String source, Consumer<Outcome> sink, EcsParser ecs) {
        this.ecs = requireNonNull(ecs, "ecs is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.source = requireNonNull(source, "source is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.filter = new DatafeedFilter(config.filter());
        this.multiLine = new MultiLineJson(config.limits().maxRecordBytes());
        this.checkedFields = checkedFields(config.limits()).stream()
                .map(f -> new CheckedField(f, NetworkEvent.reader(f))).toList();
        this.auditMapper = new AuditEventMapper(config.limits().maxRecordBytes());
        this.reassembler = new AuditReassembler(config.audit(), config.limits().maxLinesPerAuditEvent(),
                new AuditReassembler.Listener() {
                    @Override
                    public void event(AssembledEvent event) {
                        Outcome o = auditMapper.map(event, source);
                        finish(o, false, null, 0, 0, () -> originalOf(event));
                    }

                    @Override
                    public void userspaceTail(AuditRecord record) {
                        sink.accept(new Outcome.Filtered(FilterReason.AUDIT_NETLINK_SEND, record.type() + " of serial "
                                + record.sequence() + " after its user-space message"));
                    }

                    @Override
                    public void late(AuditRecord record, long lastEmitted) {
                        sink.accept(new Outcome.Rejected(RejectReason.LATE_AUDIT_RECORD, "serial " + record.sequence()
                                + " arrived after serial " + lastEmitted + " was emitted", record.raw(), source,
                                record.offset()));
                    }
                });
    }

    /**
     * One input line (without its line terminator).
     *
     * @param truncated the line was longer than the record limit and {@code buf} holds only its start
     */
    public void line(byte[] buf, int off, int len, long offset, boolean truncated) {
        int end = off + len;
        while (end > off && (buf[end - 1] == '\r' || buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
            end--;
        }
        int start = off;
        while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
            start++;
        }
        if (multiLine.open()) {
            if (truncated || (start == off && start < end && buf[start] == '{')) {
                closeTruncatedDocument(); // an unindented '{' starts a new record: the open one was cut short
            } else {
                if (multiLine.add(buf, start, end)) {
                    if (offset < replayUntil) {
                        multiLine.reset(); // the whole document was read before the restart
                    } else {
                        completeDocument();
                    }
                }
                return;
            }
        }
        if (start == end && !truncated) {
            return; // a blank line is not a record
        }
        int n = end - start;
        if (!truncated && buf[start] == '{' && (config.format() == InputFormat.AUTO || config.format() == InputFormat.ECS)) {
            if (offset >= replayUntil) {
                jsonLine(buf, start, end, offset);
                return;
            }
            if (MultiLineJson.balance(buf, start, end) > 0) {
                multiLine.start(buf, start, end, offset);
                return;
            }
        }
        if (offset < replayUntil && !isAuditLine(buf, start, end)) {
            return; // read and accounted for before the restart; only auditd records rebuild open events
        }
        if (truncated) {
            reject(RejectReason.RECORD_TOO_LARGE, "line longer than " + config.limits().maxRecordBytes() + " bytes",
                    buf, start, n, offset);
            return;
        }
        InputFormat format = config.format();
        if (format == InputFormat.AUTO) {
            format = detect(buf, start, end);
            if (format == null) {
                notTelemetry(buf, start, n, offset, "neither ECS JSON, Sysmon XML nor an auditd record");
                return;
            }
        } else if (format == InputFormat.SYSMON && indexOf(buf, start, end, SYSMON_MARK) < 0) {
            notTelemetry(buf, start, n, offset, "no Sysmon <Event> element");
            return;
        } else if (format == InputFormat.AUDITD && indexOf(buf, start, end, AUDIT_MARK) < 0) {
            notTelemetry(buf, start, n, offset, "no msg=audit( header");
            return;
        }
        switch (format) {
            case ECS -> finish(ecs.parse(buf, start, n, context(offset)), true, buf, start, n, null);
            case SYSMON -> finish(sysmon.parse(buf, start, n, context(offset)), false, buf, start, n, null);
            case AUDITD -> auditLine(buf, start, n, offset);
            default -> throw new IllegalStateException("format " + format);
        }
    }

    /**
     * A line starting with '{': parsed as one document at once. Only when that fails is it checked whether its
     * braces close on this line; if they do not, it opens a multi-line document instead (a well-formed document
     * always balances, so most lines are scanned once).
     */
    private void jsonLine(byte[] buf, int start, int end, long offset) {
        Outcome parsed = ecs.parse(buf, start, end - start, context(offset));
        if (parsed instanceof Outcome.Rejected r && r.reason() == RejectReason.MALFORMED_JSON
                && MultiLineJson.balance(buf, start, end) > 0) {
            multiLine.start(buf, start, end, offset);
            return;
        }
        finish(parsed, true, buf, start, end - start, null);
    }

    /**
     * End of one input record of a stream of records (a Kafka record): an unfinished multi-line JSON document
     * is rejected, open auditd events stay open for the stream's next records.
     */
    public void endOfRecord() {
        if (multiLine.open()) {
            closeTruncatedDocument();
        }
    }

    /** End of input: open auditd events complete, an unfinished multi-line JSON document is rejected. */
    public void finish() {
        if (multiLine.open()) {
            closeTruncatedDocument();
        }
        reassembler.flush();
    }

    private boolean isAuditLine(byte[] buf, int start, int end) {
        return config.format() == InputFormat.AUDITD
                || (config.format() == InputFormat.AUTO && detect(buf, start, end) == InputFormat.AUDITD);
    }

    private void closeTruncatedDocument() {
        byte[] doc = multiLine.bytes();
        long at = multiLine.startOffset();
        multiLine.reset();
        sink.accept(new Outcome.Rejected(RejectReason.MALFORMED_JSON, "JSON document not closed", doc, source, at));
    }

    private void completeDocument() {
        byte[] doc = multiLine.bytes();
        long at = multiLine.startOffset();
        boolean oversize = multiLine.oversize();
        multiLine.reset();
        if (oversize) {
            sink.accept(new Outcome.Rejected(RejectReason.RECORD_TOO_LARGE, "JSON document longer than "
                    + config.limits().maxRecordBytes() + " bytes", doc, source, at));
            return;
        }
        finish(ecs.parse(doc, 0, doc.length, context(at)), true, doc, 0, doc.length, null);
    }

    /**
     * Where a restart must resume reading so that nothing is lost: the first line of the oldest open
     * auditd event, or {@code nextOffset} (the offset after the last line given) when none is open.
     */
    public long resumeOffset(long nextOffset) {
        if (multiLine.open()) {
            nextOffset = Math.min(nextOffset, multiLine.startOffset());
        }
        long open = reassembler.oldestOpenOffset();
        return open < 0 ? nextOffset : Math.min(open, nextOffset);
    }

    /** The last auditd serial emitted (-1 if none); with {@link #resumeOffset} it makes a checkpoint. */
    public long lastAuditSequence() {
        return reassembler.lastEmittedSequence();
    }

    /** After a restart: records of serials up to this one were already emitted and are rejected as late. */
    public void resumeAfterAuditSequence(long sequence) {
        resumeAfterAuditSequence(sequence, -1);
    }

    /**
     * After a restart: serials up to {@code sequence} were already emitted; their records before
     * {@code readThrough} (input read before the restart) are skipped, later ones are late.
     */
    public void resumeAfterAuditSequence(long sequence, long readThrough) {
        replayUntil = readThrough;
        if (sequence >= 0) {
            reassembler.resumeAfter(sequence, readThrough);
        }
    }

    /**
     * For sources that follow live input, called when no input arrived for a while: completes the auditd
     * events open longer than the reassembly timeout by the clock.
     */
    public void tick() {
        reassembler.expire(clock.instant());
    }

    /** Open auditd events (held in memory until they complete). */
    public int openAuditEvents() {
        return reassembler.openEvents();
    }

    /** auditd events completed by the wall-clock timeout. */
    public long expiredAuditEvents() {
        return reassembler.expired();
    }

    public long auditSequenceGaps() {
        return reassembler.gaps();
    }

    private void auditLine(byte[] buf, int start, int n, long offset) {
        boolean replay = offset < replayUntil; // rejected before the restart already, if it is bad
        if (n > config.limits().maxAuditLineBytes()) {
            if (replay) {
                return;
            }
            reject(RejectReason.LINE_TOO_LONG, "auditd line of " + n + " bytes exceeds "
                    + config.limits().maxAuditLineBytes(), buf, start, n, offset);
            return;
        }
        String text = Utf8.decode(buf, start, n);
        if (text == null) {
            if (!replay) {
                reject(RejectReason.INVALID_ENCODING, "not UTF-8", buf, start, n, offset);
            }
            return;
        }
        AuditRecord record;
        try {
            record = AuditLineParser.parse(text, offset, Arrays.copyOfRange(buf, start, start + n));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            if (offset >= replayUntil) {
                reject(RejectReason.MALFORMED_AUDIT, e.getMessage(), buf, start, n, offset);
            }
            return;
        }
        reassembler.push(record, clock.instant());
    }

    /**
     * A line that is no event: a syslog line is filtered (a sensor's status line, or another program's line
     * mixed into the log); anything else is unknown input and rejected.
     */
    private void notTelemetry(byte[] buf, int start, int n, long offset, String why) {
        String text = Utf8.decode(buf, start, n);
        String program = text == null ? null : SyslogLine.program(text);
        if (program == null) {
            reject(RejectReason.UNKNOWN_FORMAT, why, buf, start, n, offset);
        } else if (SENSORS.contains(program.toLowerCase(java.util.Locale.ROOT))) {
            sink.accept(new Outcome.Filtered(FilterReason.SENSOR_STATUS, program + ": "
                    + io.netrare.ingest.parse.Fields.abbreviate(text.substring(text.indexOf(':', text.indexOf(program)) + 1).trim())));
        } else {
            sink.accept(new Outcome.Filtered(FilterReason.OTHER_PROGRAM, program));
        }
    }

    private ParseContext context(long offset) {
        Instant fallback = config.limits().missingTimestamp() == IngestLimits.MissingTimestamp.USE_INGEST_TIME
                ? clock.instant() : null;
        return new ParseContext(source, offset, fallback);
    }

    /**
     * Limits on the normalized event, then the datafeed filter. A rejection keeps the original record: bytes
     * {@code [off, off + len)} of {@code buf}, or what {@code original} gives when {@code buf} is null.
     * {@code ecsRecord}: the outcome is the ECS parser's for those bytes (see {@link #fieldsWithinRecord}).
     */
    private void finish(Outcome parsed, boolean ecsRecord, byte[] buf, int off, int len,
                        java.util.function.Supplier<byte[]> original) {
        if (!(parsed instanceof Outcome.Emitted emitted)) {
            sink.accept(parsed);
            return;
        }
        NetworkEvent event = emitted.event();
        long offset = event.ingest() == null || event.ingest().offset() == null ? -1 : event.ingest().offset();
        Instant now = clock.instant();
        IngestLimits limits = config.limits();
        if (event.timestamp().isAfter(now.plus(limits.maxFuture()))) {
            sink.accept(new Outcome.Rejected(RejectReason.TIMESTAMP_IN_FUTURE, event.timestamp() + " is more than "
                    + limits.maxFuture() + " after " + now, originalBytes(buf, off, len, original), source, offset));
            return;
        }
        if (limits.maxPast() != null && event.timestamp().isBefore(now.minus(limits.maxPast()))) {
            sink.accept(new Outcome.Rejected(RejectReason.TIMESTAMP_TOO_OLD, event.timestamp() + " is more than "
                    + limits.maxPast() + " before " + now, originalBytes(buf, off, len, original), source, offset));
            return;
        }
        String tooLong = fieldsWithinRecord(ecsRecord, len, limits) ? null : tooLong(event);
        if (tooLong != null) {
            sink.accept(new Outcome.Rejected(RejectReason.FIELD_TOO_LONG, tooLong, originalBytes(buf, off, len, original),
                    source, offset));
            return;
        }
        FilterReason reason = filter.reasonToDrop(event);
        sink.accept(reason == null ? parsed : new Outcome.Filtered(reason, describe(reason, event)));
    }

    private static byte[] originalBytes(byte[] buf, int off, int len, java.util.function.Supplier<byte[]> original) {
        return buf == null ? original.get() : Arrays.copyOfRange(buf, off, off + len);
    }

    /** Longer than any text an ECS event's field gets other than from its document: a canonical IP, a constant. */
    public static final int ECS_DERIVED_MAX_CHARS = 64;

    /**
     * Whether no field of an event can be over the limit, whatever the event: for an ECS record no longer than the
     * limit, every field's text is a value of the document (at most one character per byte), a part of one (a
     * process name from the executable), or at most {@link #ECS_DERIVED_MAX_CHARS} characters long (an address in
     * canonical form, a constant such as {@code linux} or {@code egress}).
     */
    static boolean fieldsWithinRecord(boolean ecsRecord, int recordBytes, IngestLimits limits) {
        return ecsRecord && recordBytes <= limits.maxFieldChars() && limits.maxFieldChars() >= ECS_DERIVED_MAX_CHARS;
    }

    /** A field checked against the length limit, with its reader (looked up once, not per event). */
    private record CheckedField(String name, java.util.function.Function<NetworkEvent, String> reader) {
    }

    /** Why an event's first field over the length limit is refused ("name has n characters"), or null. */
    String tooLong(NetworkEvent event) {
        int max = config.limits().maxFieldChars();
        for (CheckedField f : checkedFields) {
            String value = f.reader().apply(event);
            if (value != null && value.length() > max) {
                return f.name() + " has " + value.length() + " characters";
            }
        }
        return null;
    }

    /** Fields whose text is a long at most: never longer than 20 characters ("-9223372036854775808"). */
    private static final java.util.Set<String> NUMBER_FIELDS = java.util.Set.of("process.pid", "source.port",
            "destination.port");

    /**
     * The event fields to check against the field length limit: all of them, but the numbers only when the limit
     * is below what a number can reach (so their text need not be made for every event).
     */
    private static java.util.List<String> checkedFields(IngestLimits limits) {
        if (limits.maxFieldChars() < 20) {
            return NetworkEvent.SUPPORTED_FIELDS;
        }
        return NetworkEvent.SUPPORTED_FIELDS.stream().filter(f -> !NUMBER_FIELDS.contains(f)).toList();
    }

    private static String describe(FilterReason reason, NetworkEvent e) {
        return switch (reason) {
            case NOT_LINUX, OS_UNKNOWN -> "host.os.type=" + e.host().os().type() + " host.os.family=" + e.host().os().family();
            case EXCLUDED_DESTINATION -> "destination.ip=" + e.destination().ip();
            case EXCLUDED_USER -> "user.name=" + e.user().name();
            case EXCLUDED_PROCESS -> "process.name=" + e.process().name();
            default -> "event.category=" + e.event().category() + " event.type=" + e.event().type();
        };
    }

    private byte[] originalOf(AssembledEvent event) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (AuditRecord r : event.records()) {
            if (out.size() + r.raw().length + 1 > config.limits().maxRecordBytes()) {
                break;
            }
            out.writeBytes(r.raw());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void reject(RejectReason reason, String detail, byte[] buf, int start, int n, long offset) {
        sink.accept(new Outcome.Rejected(reason, detail, Arrays.copyOfRange(buf, start, start + n), source, offset));
    }

    private static InputFormat detect(byte[] buf, int start, int end) {
        if (buf[start] == '{') {
            return InputFormat.ECS;
        }
        if (indexOf(buf, start, end, SYSMON_MARK) >= 0) {
            return InputFormat.SYSMON;
        }
        if (indexOf(buf, start, end, AUDIT_MARK) >= 0) {
            return InputFormat.AUDITD;
        }
        return null;
    }

    private static int indexOf(byte[] buf, int start, int end, byte[] needle) {
        return ByteSearch.indexOf(buf, start, end, needle);
    }
}
