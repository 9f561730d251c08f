package io.netrare.simulator;

import java.util.Locale;

/** What a host does; each role has its own mix of network-using processes (see {@link ProcessCatalog}). */
public enum Role {
    WEB(0.30, 1),
    APP(0.25, 2),
    DB(0.15, 3),
    CACHE(0.10, 4),
    CI(0.10, 5),
    BASTION(0.10, 9);

    private final double share;
    private final int subnet;

    Role(double share, int subnet) {
        this.share = share;
        this.subnet = subnet;
    }

    /** Share of the fleet this role gets. */
    public double share() {
        return share;
    }

    /** Third octet of the role's internal 10.0.x.0/24 subnet. */
    public int subnet() {
        return subnet;
    }

    /** Lower-case name as used in host names and labels ({@code web}, {@code db}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
