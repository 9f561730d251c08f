package io.netrare.alerting.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when one or more rule files are refused; carries every error found, not just the first. */
public final class RuleLoadException extends RuntimeException {

    private final List<RuleError> errors;

    public RuleLoadException(List<RuleError> errors) {
        super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n", "rules refused:\n", "")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
