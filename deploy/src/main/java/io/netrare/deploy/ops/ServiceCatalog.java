package io.netrare.deploy.ops;

import io.netrare.alerting.service.AlertingMain;
import io.netrare.ingest.service.IngestMain;
import io.netrare.model.service.TrainingMain;
import io.netrare.runtime.ServiceRunner;
import io.netrare.scoring.service.ScoringMain;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The four services as the operator knows them: the name on the command line, in the example configs
 * ({@code deploy/config/<name>.yaml}), in the runnable jar ({@code <name>/target/netrare-<name>.jar}) and in the
 * metric prefix ({@code netrare_<name>_}).
 */
public enum ServiceCatalog {
    INGEST("ingest", IngestMain::runner),
    MODEL("model", TrainingMain::runner),
    SCORING("scoring", ScoringMain::runner),
    ALERTING("alerting", AlertingMain::runner);

    private final String serviceName;
    private final Supplier<ServiceRunner<?>> runner;

    ServiceCatalog(String serviceName, Supplier<ServiceRunner<?>> runner) {
        this.serviceName = serviceName;
        this.runner = runner;
    }

    /** The service's name: its module, its config file's base name and its metric prefix. */
    public String serviceName() {
        return serviceName;
    }

    /** A fresh runner of the service ({@code --config FILE}, {@code --print-config}, SIGTERM handling). */
    public ServiceRunner<?> runner() {
        return runner.get();
    }

    /** Prometheus names of this service's own meters start with this. */
    public String metricPrefix() {
        return "netrare_" + serviceName + "_";
    }

    public static ServiceCatalog byName(String name) {
        for (ServiceCatalog s : values()) {
            if (s.serviceName.equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service " + name + "; one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ServiceCatalog::serviceName).collect(Collectors.joining(", "));
    }
}
