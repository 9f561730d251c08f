package io.netrare.deploy.ops;

import io.netrare.deploy.cli.NetrareCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netrare service NAME --config FILE --print-config} runs the named service's own runner. */
class ServiceCommandTest {

    @ParameterizedTest
    @EnumSource(ServiceCatalog.class)
    void printsTheEffectiveConfigOfTheNamedService(ServiceCatalog service) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = NetrareCommand.commandLine().execute("service", service.serviceName(),
                    "--config", OpsConfigsTest.exampleConfig(service).toString(), "--print-config");
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("bootstrap_servers: kafka:9092").contains("port: 9400");
        switch (service) {
            case MODEL -> assertThat(printed).contains("training:").contains("model_type: rare");
            case SCORING -> assertThat(printed).contains("scoring:").contains("share_timeout:");
            case ALERTING -> assertThat(printed).contains("webhook:").contains("delivery:");
            case INGEST -> assertThat(printed).doesNotContain("training:").contains("loop:");
        }
    }

    @Test
    void rejectsAnUnknownService() {
        CommandLine cli = NetrareCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("service", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown service nope").contains("ingest, model, scoring, alerting");
    }

    @Test
    void aBrokenConfigFailsTheService() {
        assertThat(NetrareCommand.commandLine().execute("service", "model", "--config", "/nonexistent/model.yaml", "--print-config"))
                .isNotZero();
    }

    @Test
    void brokerCommandIsRegistered() {
        CommandLine broker = NetrareCommand.commandLine().getSubcommands().get("broker");
        assertThat(broker).isNotNull();
        assertThat(broker.getCommandSpec().findOption("--port").defaultValue()).isEqualTo("9092");
        assertThat(broker.getCommandSpec().findOption("--partitions").defaultValue()).isEqualTo("4");
    }
}
