package io.netrare.alerting.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCheckTest {

    @Test
    void printsEachRuleOrEachErrorAndSetsTheExitCode(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.toml"), RuleLoaderTest.minimal("rule-a", "50.5"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(new RulesCheck(new RuleLoader()).run(dir, new PrintWriter(out), new PrintWriter(err))).isZero();
        assertThat(out.toString()).contains("ok    rule-a  Rule rule-a", "threshold 50.5, jobs job-a, severity medium",
                "1 rule ok");

        Files.writeString(dir.resolve("b.toml"), RuleLoaderTest.minimal("rule-b", "150"));
        out = new StringWriter();
        err = new StringWriter();
        assertThat(new RulesCheck(new RuleLoader()).run(dir, new PrintWriter(out), new PrintWriter(err))).isEqualTo(1);
        assertThat(err.toString()).contains("error " + dir.resolve("b.toml") + ":2: rule.anomaly_threshold: must be a number from 0 to 100",
                "1 error; 1 rule ok");
    }
}
