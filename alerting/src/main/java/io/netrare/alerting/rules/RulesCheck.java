package io.netrare.alerting.rules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;

/** What {@code netrare rules check DIR} does: loads every rule file and prints the rules or the errors. */
public final class RulesCheck {

    private final RuleLoader loader;

    public RulesCheck(RuleLoader loader) {
        this.loader = loader;
    }

    /** @return the process exit code: 0 when every file is a valid rule, 1 otherwise */
    public int run(Path dir, PrintWriter out, PrintWriter err) {
        RuleLoader.Result result = loader.check(dir);
        DecimalFormat threshold = new DecimalFormat("0.##");
        for (Rule rule : result.rules()) {
            out.printf("ok    %s  %s%n      threshold %s, jobs %s, severity %s, risk %d, interval %s, from %s%s%s%n",
                    rule.ruleId(), rule.name(), threshold.format(rule.anomalyThreshold()),
                    String.join(", ", rule.jobIds()), rule.severity().label(), rule.riskScore(),
                    rule.intervalExpression(), rule.fromExpression(),
                    rule.netrare().streamingAlerts() ? ", streaming alerts" : "",
                    extensions(rule.netrare()));
            out.printf("      %s%n", rule.source());
        }
        for (RuleError error : result.errors()) {
            err.println("error " + error);
        }
        if (result.ok()) {
            out.printf("%d rule%s ok%n", result.rules().size(), result.rules().size() == 1 ? "" : "s");
        } else {
            err.printf("%d error%s; %d rule%s ok%n", result.errors().size(), result.errors().size() == 1 ? "" : "s",
                    result.rules().size(), result.rules().size() == 1 ? "" : "s");
        }
        out.flush();
        err.flush();
        return result.ok() ? 0 : 1;
    }

    private static String extensions(NetrareExtensions ext) {
        StringBuilder s = new StringBuilder();
        if (!ext.exceptions().isEmpty()) {
            s.append(", ").append(ext.exceptions().size()).append(" exception item(s)");
        }
        if (ext.suppression() != null) {
            s.append(", suppressed by ").append(ext.suppression().groupBy()).append(" over ")
                    .append(ext.suppression().window());
        }
        return s.toString();
    }
}
