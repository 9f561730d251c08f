package io.netrare.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code netrare} command; each subcommand is registered in {@link #commandLine()}. */
@Command(name = "netrare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Finds Linux processes that use the network when they normally do not.",
        synopsisSubcommandLabel = "COMMAND")
public final class NetrareCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with every subcommand; one line per subcommand keeps additions easy to merge. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NetrareCommand());
        cli.addSubcommand(new VersionCommand());
        cli.addSubcommand(new SimulateCommand());
        cli.addSubcommand(new ParseCommand());
        cli.addSubcommand(new ScoreCommand());
        cli.addSubcommand(new RulesCommand());
        cli.addSubcommand(new AlertsCommand());
        cli.addSubcommand(new RunCommand());
        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new ServiceCommand());
        cli.addSubcommand(new BrokerCommand());
        return cli;
    }
}
