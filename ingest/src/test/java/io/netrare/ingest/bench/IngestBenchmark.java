package io.netrare.ingest.bench;

import io.netrare.ingest.IngestConfig;
import io.netrare.ingest.IngestPipeline;
import io.netrare.ingest.LineReader;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.parse.DocumentGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Parse + normalize + filter throughput per format, single thread, input already in memory (so disk and
 * stdout are out of the figure). Not a test: run {@link #main}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {

    static final int EVENTS = 10_000;

    @Param({"ecs", "auditd", "sysmon"})
    public String format;

    private byte[] input;
    private IngestConfig config;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    @Setup
    public void setUp() {
        config = IngestConfig.defaults();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t = Instant.parse("2026-11-20T10:00:00Z").getEpochSecond();
        for (int i = 0; i < EVENTS; i++) {
            String process = "proc" + (i % 200);
            String ip = "10." + (i % 250) + "." + (i / 250 % 250) + ".7";
            String line = switch (format) {
                case "ecs" -> new String(DocumentGenerator.benchmarkShaped(i), StandardCharsets.UTF_8) + "\n";
                case "auditd" -> {
                    String hdr = "msg=audit(" + (t + i / 10) + ".295:" + (1000 + i) + "): ";
                    yield "type=SYSCALL " + hdr + "arch=c000003e syscall=42 success=no exit=-115 a0=6 a1=7ffed2893080 a2=10 a3=fe "
                            + "items=0 ppid=1 pid=" + (1000 + i) + " auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 "
                            + "fsgid=0 tty=(none) ses=4294967295 comm=\"" + process + "\" exe=\"/usr/bin/" + process + "\" key=(null)\n"
                            + "type=SOCKADDR " + hdr + "saddr=020001BB0A0000070000000000000000\n"
                            + "type=PROCTITLE " + hdr + "proctitle=2F7573722F62696E2F707974686F6E33002D6D\n"
                            + "type=EOE " + hdr + "\n";
                }
                default -> "2026-11-20T10:00:00.190027+00:00 web-07 sysmon: <Event><System><Provider Name=\"Linux-Sysmon\" "
                        + "Guid=\"{ff032593-a8d3-4f13-b0d6-01fc615a0f97}\"/><EventID>3</EventID><Version>5</Version><Level>4</Level>"
                        + "<TimeCreated SystemTime=\"2026-11-20T10:00:00.189838000Z\"/><EventRecordID>" + i + "</EventRecordID>"
                        + "<Computer>web-07</Computer><Security UserId=\"0\"/></System><EventData><Data Name=\"RuleName\">-</Data>"
                        + "<Data Name=\"UtcTime\">2026-11-20 10:" + two(i / 60 % 60) + ":" + two(i % 60) + ".838</Data>"
                        + "<Data Name=\"ProcessGuid\">{ec2c9708-52f2-6a26-a106-000300000000}</Data><Data Name=\"ProcessId\">"
                        + (1000 + i) + "</Data><Data Name=\"Image\">/usr/bin/" + process + "</Data><Data Name=\"User\">ubuntu</Data>"
                        + "<Data Name=\"Protocol\">tcp</Data><Data Name=\"Initiated\">true</Data><Data Name=\"SourceIp\">10.0.0.7</Data>"
                        + "<Data Name=\"SourcePort\">49848</Data><Data Name=\"DestinationIp\">" + ip + "</Data>"
                        + "<Data Name=\"DestinationPort\">443</Data></EventData></Event>\n";
            };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        input = out.toByteArray();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : String.valueOf(v);
    }

    /** Events per second: one operation is one input event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long parseFilterNormalize() throws IOException {
        long[] emitted = new long[1];
        IngestPipeline pipeline = new IngestPipeline(config, clock, "bench", o -> {
            if (o instanceof Outcome.Emitted) {
                emitted[0]++;
            }
        });
        new LineReader(new ByteArrayInputStream(input), config.limits().maxRecordBytes(), 0).readAll(pipeline::line);
        pipeline.finish();
        if (emitted[0] != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + emitted[0]);
        }
        return emitted[0];
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * Lower bound for ECS: only split lines and walk every JSON token with Jackson, building nothing.
     * Compared with {@link #parseFilterNormalize} it shows how much of the cost is JSON tokenizing itself.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long tokenizeOnly() throws IOException {
        long[] tokens = new long[1];
        new LineReader(new ByteArrayInputStream(input), 1 << 20, 0).readAll((buf, off, len, offset, truncated) -> {
            if (len == 0 || buf[off] != '{') {
                return;
            }
            try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(buf, off, len)) {
                while (p.nextToken() != null) {
                    tokens[0]++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return tokens[0];
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(IngestBenchmark.class.getSimpleName()).build()).run();
    }
}
