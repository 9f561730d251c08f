package io.netrare.alerting;

import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AlertmanagerSink;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.ConsoleSink;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.NdjsonFileSink;
import io.netrare.alerting.sink.WebhookSink;
import io.netrare.alerting.sink.WebhookSinkConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The alerting service's configuration. The Kafka sink ({@code netrare.alerts}) is always on and is not
 * configured here; every other sink is optional.
 *
 * @param rulesDir directory of rule TOML files; null runs the shipped default rule
 */
public record AlertingConfig(
        Path rulesDir,
        ConsoleConfig console,
        NdjsonConfig ndjson,
        WebhookSinkConfig webhook,
        AlertmanagerSinkConfig alertmanager,
        DeliveryConfig delivery) {

    public static final AlertingConfig DEFAULTS = new AlertingConfig(null, ConsoleConfig.DISABLED,
            NdjsonConfig.DISABLED, WebhookSinkConfig.DISABLED, AlertmanagerSinkConfig.DISABLED, DeliveryConfig.DEFAULTS);

    public AlertingConfig {
        console = console == null ? ConsoleConfig.DISABLED : console;
        ndjson = ndjson == null ? NdjsonConfig.DISABLED : ndjson;
        webhook = webhook == null ? WebhookSinkConfig.DISABLED : webhook;
        alertmanager = alertmanager == null ? AlertmanagerSinkConfig.DISABLED : alertmanager;
        delivery = delivery == null ? DeliveryConfig.DEFAULTS : delivery;
    }

    /** Console sink: {@code colour} is auto (only on a terminal), always or never. */
    public record ConsoleConfig(boolean enabled, String colour) {
        public static final ConsoleConfig DISABLED = new ConsoleConfig(false, "auto");

        public ConsoleConfig {
            colour = colour == null ? "auto" : colour.toLowerCase(Locale.ROOT);
            if (!Set.of("auto", "always", "never").contains(colour)) {
                throw new IllegalArgumentException("console.colour must be auto, always or never, got " + colour);
            }
        }
    }

    /** NDJSON file sink: one alert per line, appended. */
    public record NdjsonConfig(boolean enabled, Path path) {
        public static final NdjsonConfig DISABLED = new NdjsonConfig(false, null);

        public NdjsonConfig {
            if (enabled) {
                requireNonNull(path, "ndjson.path is required when the NDJSON sink is enabled");
            }
        }
    }

    /** The rules to run: every file in {@code rulesDir}, or the shipped default. */
    public List<Rule> loadRules(RuleLoader loader) {
        return rulesDir == null ? List.of(loader.loadDefault()) : loader.loadDirectory(rulesDir);
    }

    /** The enabled optional sinks. */
    public List<AlertSink> createSinks(PrintStream stdout) {
        List<AlertSink> sinks = new ArrayList<>();
        if (console.enabled()) {
            sinks.add(new ConsoleSink(stdout, ConsoleSink.colourFor(console.colour())));
        }
        if (ndjson.enabled()) {
            sinks.add(new NdjsonFileSink(ndjson.path()));
        }
        if (webhook.enabled()) {
            sinks.add(new WebhookSink(webhook));
        }
        if (alertmanager.enabled()) {
            sinks.add(new AlertmanagerSink(alertmanager));
        }
        return sinks;
    }
}
