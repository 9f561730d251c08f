package io.netrare.deploy.cli;

import io.netrare.deploy.ops.ServiceCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netrare service ingest|model|scoring|alerting --config FILE}: one service in this process, until SIGTERM. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Runs one service (ingest, model, scoring or alerting) until Ctrl-C or SIGTERM.",
                "Config keys can be overridden by NETRARE_<PATH> environment variables, e.g. NETRARE_KAFKA__BOOTSTRAP_SERVERS."})
public final class ServiceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "ingest, model, scoring or alerting")
    String service;

    @Option(names = {"--config", "-c"}, paramLabel = "FILE", description = "YAML config file (see deploy/config/)")
    Path config;

    @Option(names = "--print-config", description = "print the effective configuration (secrets masked) and exit")
    boolean printConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ServiceCatalog catalog;
        try {
            catalog = ServiceCatalog.byName(service);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.add("--config");
            args.add(config.toString());
        }
        if (printConfig) {
            args.add("--print-config");
        }
        return catalog.runner().run(args.toArray(String[]::new));
    }
}
