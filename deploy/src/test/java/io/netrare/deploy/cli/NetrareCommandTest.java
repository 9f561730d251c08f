package io.netrare.deploy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NetrareCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: netrare", "version");
    }

    @Test
    void versionIsTheBuildVersion() {
        Run run = run("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("netrare \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)\\s*");
    }

    @Test
    void alertsRedeliverNeedsAnEnabledSink(@TempDir Path dir) throws Exception {
        assertThat(run("alerts", "redeliver", "--help").out()).contains("--sink", "--from-beginning", "--dry-run");
        Path config = Files.writeString(dir.resolve("alerting.yaml"), "kafka: {bootstrap_servers: \"127.0.0.1:1\"}\n");
        Run run = run("alerts", "redeliver", "--config", config.toString(), "--sink", "webhook");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sink 'webhook' is not enabled");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "delivery: {max_attempts: 3}\n");
        assertThat(run("alerts", "redeliver", "--config", bad.toString(), "--sink", "webhook").err())
                .contains("max_attempts");
    }

    @Test
    void runAndDemoRefuseAnInputThatDoesNotExist(@TempDir Path dir) {
        String missing = dir.resolve("tyop.ndjson").toString();
        for (String command : new String[]{"run", "demo"}) {
            Run run = run(command, "--input", missing);
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("--input: no such file or directory: " + missing);
        }
    }

    @Test
    void unknownCommandFailsWithUsage() {
        Run run = run("frobnicate");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Unmatched argument", "frobnicate");
    }
}
