package io.netrare.scoring.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the tables of docs/models.md when asked: {@code mvn -pl scoring -am test -Dtest=FleetEvaluationReport
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnetrare.eval=reporting} (or {@code tuning}, or a comma-separated list of
 * seeds). Skipped otherwise: it scores ten fleets four ways and takes minutes.
 */
class FleetEvaluationReport {

    @Test
    @EnabledIfSystemProperty(named = "netrare.eval", matches = ".+")
    void printTables() {
        String what = System.getProperty("netrare.eval");
        if ("reporting".equals(what) || "tuning".equals(what)) {
            FleetEvaluation.main(new String[]{what});
        } else {
            String[] seeds = what.split(",");
            String[] args = new String[seeds.length + 1];
            args[0] = "seeds";
            System.arraycopy(seeds, 0, args, 1, seeds.length);
            FleetEvaluation.main(args);
        }
    }
}
