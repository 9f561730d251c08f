package io.netrare.deploy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandTest {

    @Test
    void validRulesArePrintedAndExitZero(@TempDir Path dir) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("rules/ml_linux_anomalous_network_activity.toml")) {
            Files.copy(in, dir.resolve("ml_linux_anomalous_network_activity.toml"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "rules", "check", dir.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("52afbdc5-db15-485e-bc24-f5707f820c4b", "Unusual Linux Network Activity",
                "threshold 50", "jobs v3_linux_anomalous_network_activity", "1 rule ok");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithFileLineAndKeyAndExitsNonZero(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.toml"), "[rule]\nrule_id = \"x\"\nrisk_score = [\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "rules", "check", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(dir.resolve("bad.toml") + ":", "error");
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = NetrareCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
