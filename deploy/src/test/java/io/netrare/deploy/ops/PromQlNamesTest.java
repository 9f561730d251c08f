package io.netrare.deploy.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest {

    @Test
    void keepsMetricsAndDropsFunctionsLabelsKeywordsAndDurations() {
        assertThat(OpsFiles.metricNames("sum by (job, sink) (increase(netrare_alerting_sink_failures_total{sink=\"a b\"}[10m])) > 0"
                + " or time() - max(netrare_model_last_snapshot_timestamp_seconds) > 3 * 3600"))
                .containsExactly("netrare_alerting_sink_failures_total", "netrare_model_last_snapshot_timestamp_seconds");
        assertThat(OpsFiles.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m])))"))
                .containsExactly("x_seconds_bucket");
        assertThat(OpsFiles.metricNames("deriv(max by (job) (lag{job=~\"netrare-.*\"})[15m:1m]) > 0 and up == 0"))
                .containsExactly("lag", "up");
    }

    @Test
    void everyRuleAndPanelNamesAtLeastOneMetric() {
        assertThat(OpsFiles.alertExpressions()).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(e -> assertThat(OpsFiles.metricNames(e)).as(e).isNotEmpty());
        assertThat(OpsFiles.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(e -> assertThat(OpsFiles.metricNames(e)).as(e).isNotEmpty());
    }
}
