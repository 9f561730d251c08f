package io.netrare.ingest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at every parser: random bytes, truncated JSON, huge lines, invalid UTF-8, odd timestamps,
 * broken auditd headers. Nothing throws, and every record is accounted for.
 */
class ParserPropertiesTest {

    private static final String ECS = "{\"@timestamp\":\"2026-11-20T10:15:00Z\",\"event\":{\"action\":\"connection_attempted\","
            + "\"category\":[\"network\"],\"type\":[\"start\"],\"module\":\"endpoint\"},\"host\":{\"name\":\"web\",\"os\":{\"type\":\"linux\"}},"
            + "\"process\":{\"name\":\"curl\",\"pid\":12},\"destination\":{\"ip\":\"1.2.3.4\",\"port\":443}}";
    private static final String SYSMON = "<Event><System><Provider Name=\"Linux-Sysmon\"/><EventID>3</EventID><Computer>h</Computer>"
            + "</System><EventData><Data Name=\"UtcTime\">2026-06-08 05:28:18.838</Data><Data Name=\"Image\">/usr/bin/nc</Data>"
            + "<Data Name=\"DestinationIp\">1.2.3.4</Data><Data Name=\"DestinationPort\">80</Data></EventData></Event>";
    private static final String AUDIT = "type=SYSCALL msg=audit(1492037289.295:58): arch=c000003e syscall=42 success=no exit=-115 "
            + "pid=1172 uid=0 comm=\"a\" exe=\"/a\"\ntype=SOCKADDR msg=audit(1492037289.295:58): saddr=02000050A9FEA9FE0000000000000000\n"
            + "type=EOE msg=audit(1492037289.295:58):";

    @Property(tries = 300)
    void noExceptionAndEveryRecordAccountedFor(@ForAll("inputs") byte[] input, @ForAll("formats") InputFormat format) {
        IngestConfig c = IngestConfig.defaults().withFormat(format);
        c = c.withLimits(c.limits().withMaxRecordBytes(4096));
        Harness.Result r = Harness.run(c, input);
        IngestCounts counts = r.counts();
        assertThat(counts.read()).isEqualTo(r.outcomes().size());
        assertThat(counts.read()).isEqualTo(counts.emitted() + counts.filtered() + counts.rejected());
        int lines = nonBlankLines(input);
        // a record is at most one line per outcome... except auditd events and multi-line JSON, which join lines
        assertThat(counts.read()).isLessThanOrEqualTo(lines);
        if (lines > 0) {
            assertThat(counts.read()).isPositive();
        }
        if (format == InputFormat.SYSMON) {
            assertThat(counts.read()).isEqualTo(lines); // one line, one record
        }
        for (Outcome o : r.outcomes()) {
            if (o instanceof Outcome.Rejected rej) {
                assertThat(rej.original().length).isLessThanOrEqualTo(4096 + 1024);
            }
        }
    }

    @Provide
    Arbitrary<InputFormat> formats() {
        return Arbitraries.of(InputFormat.values());
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> truncated = Arbitraries.of(ECS, SYSMON, AUDIT).flatMap(s ->
                Arbitraries.integers().between(0, s.length()).map(n -> s.substring(0, n).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(4000, 20_000).map(n -> ("{\"a\":\"" + "z".repeat(n) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(ECS, SYSMON, AUDIT).map(s -> {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            b[b.length / 2] = (byte) 0xC3;
            b[b.length / 2 + 1] = (byte) 0x28;
            return b;
        });
        Arbitrary<byte[]> oddTimes = Arbitraries.of("", "0", "-1", "99999999999999999999", "2026-13-45T99:99:99Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "null", "\"\"", "1e300")
                .map(t -> (ECS.replace("\"2026-11-20T10:15:00Z\"", t.startsWith("\"") || t.equals("null") || t.equals("1e300")
                        ? t : "\"" + t + "\"") + "\n" + AUDIT.replace("1492037289.295", t.isEmpty() ? "x" : t) + "\n"
                        + SYSMON.replace("2026-06-08 05:28:18.838", t)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> valid = Arbitraries.of(ECS, SYSMON, AUDIT).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> one = Arbitraries.oneOf(randomBytes, truncated, huge, invalidUtf8, oddTimes, valid);
        return Combinators.combine(one.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of("\n", "\r\n", "\n\n"))
                .as(ParserPropertiesTest::join);
    }

    private static byte[] join(List<byte[]> parts, String separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
            out.writeBytes(separator.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Lines as the reader sees them that are not blank after trimming spaces, tabs and CR. */
    private static int nonBlankLines(byte[] input) {
        int count = 0;
        boolean content = false;
        for (byte b : input) {
            if (b == '\n') {
                if (content) {
                    count++;
                }
                content = false;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                content = true;
            }
        }
        return content ? count + 1 : count;
    }
}
