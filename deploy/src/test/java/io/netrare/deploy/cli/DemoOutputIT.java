package io.netrare.deploy.cli;

import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netrare demo} run as a user runs it (the packaged jar in its own JVM): the terminal carries the
 * demo's progress, alerts and summary and not one log line; the services' and broker's log lines are in the
 * file named at start, with no warning on a clean run; no metrics URLs without {@code --keep-running}.
 */
class DemoOutputIT {

    /** A log4j line of the netrare pattern, or any line with a level between spaces or brackets. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\S+ |(^|[\\s\\[])(TRACE|DEBUG|INFO|WARN|WARNING|ERROR)[\\s\\]]|SLF4J|log4j");
    private static final Pattern LOG_FILE = Pattern.compile("logs -> (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theTerminalShowsTheDemoAndTheLogsGoToTheFile() throws Exception {
        FleetSimulator sim = new FleetSimulator(FleetSpec.demo().withHosts(4).withDays(2).withHistoryDays(1));
        Path fleet = dir.resolve("fleet.ndjson");
        try (Writer w = Files.newBufferedWriter(fleet)) {
            sim.writeEcs(w);
        }
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "netrare.jar").toString(), "demo", "--input", fleet.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("demo finished").isTrue();
        String terminal = Files.readString(stdout) + Files.readString(stderr);
        assertThat(demo.exitValue()).as(terminal).isZero();

        assertThat(logLines(Files.readAllLines(stdout))).isEmpty();
        assertThat(logLines(Files.readAllLines(stderr))).isEmpty();
        assertThat(terminal).contains("netrare demo: summary", "events in").doesNotContain("/metrics");

        Matcher named = LOG_FILE.matcher(terminal);
        assertThat(named.find()).as("the log file is named at start: " + terminal).isTrue();
        List<String> log = Files.readAllLines(Path.of(named.group(1)));
        assertThat(log).as("service log lines").anyMatch(l -> l.contains(" INFO "));
        assertThat(log).as("warnings on a clean run").noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
    }

    private static List<String> logLines(List<String> lines) {
        return lines.stream().filter(l -> LOG_LINE.matcher(l).find()).toList();
    }
}
