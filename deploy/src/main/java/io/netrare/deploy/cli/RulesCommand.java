package io.netrare.deploy.cli;

import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.rules.RulesCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code netrare rules check DIR}: validates detection-rules TOML files. */
@Command(name = "rules", description = "Works with alerting rules (Elastic detection-rules TOML).",
        subcommands = RulesCommand.Check.class, synopsisSubcommandLabel = "COMMAND")
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code check} subcommand. */
    @Command(name = "check", description = "Validates every *.toml rule in DIR; prints each rule or each error "
            + "with file, line and key; exits 1 on any error.")
    public static final class Check implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "directory of rule files")
        Path dir;

        @Override
        public Integer call() {
            return new RulesCheck(new RuleLoader()).run(dir, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
