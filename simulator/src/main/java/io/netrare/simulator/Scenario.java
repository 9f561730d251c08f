package io.netrare.simulator;

/**
 * Harder cases added on top of a fleet's background, benign jobs and single-host attacks. {@link #NONE} leaves a
 * fleet exactly as it was before scenarios existed (same bytes for the same seed).
 *
 * @param outbreak         one binary new to the fleet appears on every host of one role in the same bucket and
 *                         runs there for three buckets (a worm or a mass compromise)
 * @param crossRoleScanner a scanner on three hosts of three different roles, all in one bucket
 * @param joiningHosts     hosts that join mid-run and behave like their role (names continue their role's numbering)
 * @param leavingHosts     hosts that stop sending events mid-run
 * @param uniqueHosts      every host runs its own set of services instead of its role's: no two hosts look alike
 */
public record Scenario(boolean outbreak, boolean crossRoleScanner, int joiningHosts, int leavingHosts,
                       boolean uniqueHosts) {

    /** No scenario: the fleet as generated before scenarios existed. */
    public static final Scenario NONE = new Scenario(false, false, 0, 0, false);
    /** An outbreak, a cross-role scanner, five hosts joining and three leaving. */
    public static final Scenario HARD = new Scenario(true, true, 5, 3, false);
    /** {@link #HARD} on a fleet where every host is unique. */
    public static final Scenario UNIQUE = new Scenario(true, true, 5, 3, true);

    public Scenario {
        if (joiningHosts < 0 || joiningHosts > 1_000) {
            throw new IllegalArgumentException("joiningHosts must be in [0, 1000], got " + joiningHosts);
        }
        if (leavingHosts < 0) {
            throw new IllegalArgumentException("leavingHosts must be >= 0, got " + leavingHosts);
        }
    }

    /** Kind of the outbreak's labels. */
    public static final String OUTBREAK = "outbreak";
    /** Kind of the cross-role scanner's labels. */
    public static final String SCANNER = "scanner";
}
