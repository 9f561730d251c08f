package io.netrare.deploy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
    void unknownCommandFailsWithUsage() {
        Run run = run("frobnicate");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Unmatched argument", "frobnicate");
    }
}
