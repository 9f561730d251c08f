package io.netrare.simulator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Ground truth for one injected attack or one benign job on one host.
 *
 * @param id          unique id, e.g. {@code attack-03-reverse_shell} or {@code benign-pg_dump-db-02}
 * @param kind        what it is: reverse_shell, cryptominer, pg_dump, dhclient_renewal, ...
 * @param label       attack, benign_periodic or benign_occasional
 * @param host        host name
 * @param role        host role
 * @param processName process name as the host's agent reports it
 * @param user        user name
 * @param destination {@code ip:port} it connects to
 * @param first       first event
 * @param last        last event
 * @param events      number of events written for it
 * @param visibleTo   the coarsest view expected to flag it: fleet_rare (a fleet-wide rare model), per_role
 *                    (a per-role or per-host view), per_host (only a per-host view)
 * @param cadence     period of a periodic job (ISO-8601 duration), or null
 */
@JsonPropertyOrder({"id", "kind", "label", "host", "role", "process.name", "user", "destination", "first", "last",
        "events", "visible_to", "cadence"})
public record Label(String id, String kind, String label, String host, String role,
                    @JsonProperty("process.name") String processName, String user, String destination,
                    Instant first, Instant last, long events, @JsonProperty("visible_to") String visibleTo,
                    String cadence) {

    public static final String ATTACK = "attack";
    public static final String BENIGN_PERIODIC = "benign_periodic";
    public static final String BENIGN_OCCASIONAL = "benign_occasional";

    public Label {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(label, "label is null");
        requireNonNull(host, "host is null");
        requireNonNull(processName, "processName is null");
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
        requireNonNull(visibleTo, "visibleTo is null");
    }

    @JsonIgnore
    public boolean isAttack() {
        return ATTACK.equals(label);
    }
}
