package io.netrare.deploy.cli;

import io.netrare.alerting.service.AlertingConfig;
import io.netrare.alerting.service.AlertingMain;
import io.netrare.alerting.service.Redeliverer;
import io.netrare.runtime.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code netrare alerts redeliver --config FILE --sink NAME}: resends dead-lettered alerts to a sink. */
@Command(name = "alerts", description = "Works with the alerts of a running deployment.",
        subcommands = AlertsCommand.Redeliver.class, synopsisSubcommandLabel = "COMMAND")
public final class AlertsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code redeliver} subcommand. */
    @Command(name = "redeliver", mixinStandardHelpOptions = true,
            description = {"Sends the alerts a sink dead-lettered (netrare.dlq.alerting, stage sink-<name>) to that sink "
                    + "again, once its receiver is back. Reads the dead-letter topic to its current end and commits as it "
                    + "goes, so a second run sends only newer dead letters. Receivers deduplicate by alert id.",
                    "Exits 0 when all were delivered, 1 when one still fails (run again later), 2 on a usage error."})
    public static final class Redeliver implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"--config", "-c"}, paramLabel = "FILE", required = true,
                description = "the alerting service's YAML config (Kafka and the sink); NETRARE_* overrides apply")
        Path config;

        @Option(names = "--sink", paramLabel = "NAME", required = true,
                description = "webhook, alertmanager, ndjson or console; it must be enabled in the config")
        String sink;

        @Option(names = "--from-beginning", description = "resend every dead letter of the sink, not only those after the last run")
        boolean fromBeginning;

        @Option(names = "--dry-run", description = "list the alerts; send and commit nothing")
        boolean dryRun;

        @Override
        public Integer call() throws InterruptedException {
            AlertingConfig alerting;
            try {
                alerting = AlertingMain.runner().loadConfig(config, System.getenv());
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            Redeliverer redeliverer = new Redeliverer(alerting, Clock.systemUTC(),
                    new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
            Redeliverer.Result result;
            try {
                result = redeliverer.redeliver(sink, fromBeginning, dryRun, spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return result.failed() == 0 ? 0 : 1;
        }
    }
}
