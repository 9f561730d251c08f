package io.netrare.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    @TempDir
    Path dir;

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
    void writesEventsAndLabelsAndPrintsASummary() throws Exception {
        Path events = dir.resolve("fleet.ndjson");
        Path labels = dir.resolve("labels.json");
        Run run = run("simulate", "--preset", "demo", "--days", "2", "--seed", "9", "--out", events.toString(),
                "--labels", labels.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(events);
        assertThat(run.out()).contains("simulated 12 hosts over 2 days", "events written: " + lines.size(),
                "attacks: 8", "reverse_shell", "cryptominer");
        assertThat(lines).isNotEmpty();
        for (String line : lines.subList(0, 100)) {
            assertThat(Json.mapper().readTree(line).path("event").path("category").get(0).asText()).isEqualTo("network");
        }
        JsonNode array = Json.mapper().readTree(labels.toFile());
        assertThat(array.isArray()).isTrue();
        assertThat(array.toString()).contains("\"label\":\"attack\"", "\"visible_to\":\"per_role\"");
    }

    @Test
    void sameSeedWritesTheSameBytes() throws Exception {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        assertThat(run("simulate", "--hosts", "6", "--days", "1", "--shape", "auditbeat", "--out", a.toString()).exitCode()).isZero();
        assertThat(run("simulate", "--hosts", "6", "--days", "1", "--shape", "auditbeat", "--out", b.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readString(a)).doesNotContain("\"type\":\"endpoint\"");
    }

    @Test
    void badValuesAreRefusedWithAMessage() {
        Run shape = run("simulate", "--shape", "syslog", "--out", dir.resolve("x").toString());
        assertThat(shape.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(shape.err()).contains("unknown shape 'syslog'");
        Run attacks = run("simulate", "--attacks", "maybe", "--out", dir.resolve("x").toString());
        assertThat(attacks.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(attacks.err()).contains("--attacks takes on or off");
        assertThat(run("simulate").err()).contains("Missing required option: '--out=FILE'");
    }

    @Test
    void attacksOffWritesNoAttacks() {
        Run run = run("simulate", "--hosts", "6", "--days", "1", "--attacks", "off", "--out", dir.resolve("q.ndjson").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("attacks: 0 (0 events)");
    }
}
