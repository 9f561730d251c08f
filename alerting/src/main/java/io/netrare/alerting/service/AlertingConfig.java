package io.netrare.alerting.service;

import io.netrare.alerting.rules.Rule;
import io.netrare.alerting.rules.RuleLoader;
import io.netrare.alerting.sink.AlertSink;
import io.netrare.alerting.sink.AlertmanagerSink;
import io.netrare.alerting.sink.AlertmanagerSinkConfig;
import io.netrare.alerting.sink.ConsoleSink;
import io.netrare.alerting.sink.DeliveryConfig;
import io.netrare.alerting.sink.ElasticsearchSink;
import io.netrare.alerting.sink.ElasticsearchSinkConfig;
import io.netrare.alerting.sink.NdjsonFileSink;
import io.netrare.alerting.sink.WebhookSink;
import io.netrare.alerting.sink.WebhookSinkConfig;
import io.netrare.runtime.ServiceConfig;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.metrics.MetricsSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The alerting service's configuration (YAML sections {@code kafka}, {@code metrics}, {@code loop},
 * {@code rules_dir}, {@code console}, {@code ndjson}, {@code webhook}, {@code alertmanager}, {@code elasticsearch}, {@code delivery}, {@code dedup}).
 * The Kafka sink ({@code netrare.alerts}) is always on and is not configured here; every other sink is
 * optional.
 *
 * @param loop     the anomalies loop (the sink loops use their own groups, one record per batch)
 * @param rulesDir directory of rule TOML files; null runs the shipped default rule
 */
public record AlertingConfig(
        KafkaSettings kafka,
        MetricsSettings metrics,
        LoopSettings loop,
        Path rulesDir,
        ConsoleConfig console,
        NdjsonConfig ndjson,
        WebhookSinkConfig webhook,
        AlertmanagerSinkConfig alertmanager,
        ElasticsearchSinkConfig elasticsearch,
        DeliveryConfig delivery,
        DedupConfig dedup) implements ServiceConfig {

    public AlertingConfig {
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        metrics = metrics == null ? MetricsSettings.defaults() : metrics;
        loop = loop == null ? LoopSettings.defaults() : loop;
        console = console == null ? ConsoleConfig.defaults() : console;
        ndjson = ndjson == null ? NdjsonConfig.defaults() : ndjson;
        webhook = webhook == null ? WebhookSinkConfig.defaults() : webhook;
        alertmanager = alertmanager == null ? AlertmanagerSinkConfig.defaults() : alertmanager;
        elasticsearch = elasticsearch == null ? ElasticsearchSinkConfig.defaults() : elasticsearch;
        delivery = delivery == null ? DeliveryConfig.defaults() : delivery;
        dedup = dedup == null ? DedupConfig.defaults() : dedup;
    }

    public static AlertingConfig defaults() {
        return new AlertingConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Defaults with only the optional sinks and rules given (offline use, tests). */
    public static AlertingConfig of(Path rulesDir, ConsoleConfig console, NdjsonConfig ndjson, WebhookSinkConfig webhook,
                                    AlertmanagerSinkConfig alertmanager, DeliveryConfig delivery) {
        return new AlertingConfig(null, null, null, rulesDir, console, ndjson, webhook, alertmanager, null, delivery, null);
    }

    public AlertingConfig withKafka(KafkaSettings k) {
        return new AlertingConfig(k, metrics, loop, rulesDir, console, ndjson, webhook, alertmanager, elasticsearch, delivery, dedup);
    }

    public AlertingConfig withMetrics(MetricsSettings m) {
        return new AlertingConfig(kafka, m, loop, rulesDir, console, ndjson, webhook, alertmanager, elasticsearch, delivery, dedup);
    }

    public AlertingConfig withElasticsearch(ElasticsearchSinkConfig e) {
        return new AlertingConfig(kafka, metrics, loop, rulesDir, console, ndjson, webhook, alertmanager, e, delivery, dedup);
    }

    public AlertingConfig withDedup(DedupConfig d) {
        return new AlertingConfig(kafka, metrics, loop, rulesDir, console, ndjson, webhook, alertmanager, elasticsearch, delivery, d);
    }

    /** Console sink: {@code colour} is auto (only on a terminal), always or never. */
    public record ConsoleConfig(boolean enabled, String colour) {
        public static ConsoleConfig defaults() {
            return new ConsoleConfig(false, "auto");
        }

        public ConsoleConfig {
            colour = colour == null ? "auto" : colour.toLowerCase(Locale.ROOT);
            if (!Set.of("auto", "always", "never").contains(colour)) {
                throw new IllegalArgumentException("console.colour must be auto, always or never, got " + colour);
            }
        }
    }

    /** NDJSON file sink: one alert per line, appended. */
    public record NdjsonConfig(boolean enabled, Path path) {
        public static NdjsonConfig defaults() {
            return new NdjsonConfig(false, null);
        }

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

    /** The enabled optional sinks, each named by {@link AlertSink#name()}. */
    public List<AlertSink> createSinks(PrintStream stdout) {
        List<AlertSink> sinks = new ArrayList<>();
        if (console.enabled()) {
            sinks.add(new ConsoleSink(stdout, ConsoleSink.colourFor(console.colour())));
        }
        if (ndjson.enabled()) {
            sinks.add(new NdjsonFileSink(ndjson.path()));
        }
        if (webhook.enabled()) {
            sinks.add(new WebhookSink(webhook, delivery));
        }
        if (alertmanager.enabled()) {
            sinks.add(new AlertmanagerSink(alertmanager, delivery));
        }
        if (elasticsearch.enabled()) {
            sinks.add(new ElasticsearchSink(elasticsearch));
        }
        return sinks;
    }
}
