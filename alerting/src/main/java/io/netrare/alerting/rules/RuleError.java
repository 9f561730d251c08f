package io.netrare.alerting.rules;

import static java.util.Objects.requireNonNull;

/** A problem in a rule file, located by file, line and key, e.g. {@code rules/x.toml:12: rule.risk_score: ...}. */
public record RuleError(String file, int line, String key, String message) {

    public RuleError {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (key == null ? "" : key + ": ") + message;
    }
}
