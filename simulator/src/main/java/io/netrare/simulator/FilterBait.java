package io.netrare.simulator;

/**
 * Why the anchor's default datafeed filter drops a simulated event. The simulator writes such events on
 * purpose so that the filter is exercised; they never reach the model.
 */
public enum FilterBait {
    /** {@code destination.ip} is 127.0.0.53 (the systemd-resolved stub). */
    LOOPBACK_DESTINATION("loopback_destination"),
    /** {@code user.name: jenkins}. */
    EXCLUDED_USER("excluded_user"),
    /** Elastic's own agents: elastic-agent, filebeat, metricbeat. */
    ELASTIC_AGENT("elastic_agent"),
    /** Not a network start (Defend {@code disconnect_received}). */
    NOT_NETWORK_START("not_network_start");

    private final String reason;

    FilterBait(String reason) {
        this.reason = reason;
    }

    /** The reason as reported in summaries. */
    public String reason() {
        return reason;
    }
}
