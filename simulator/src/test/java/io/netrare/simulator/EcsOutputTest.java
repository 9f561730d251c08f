package io.netrare.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EcsOutputTest {

    private static FleetSimulator sim;
    private static List<String> lines;
    private static SimulationSummary summary;

    @BeforeAll
    static void generate() {
        sim = new FleetSimulator(FleetSpec.demo());
        StringWriter out = new StringWriter();
        summary = sim.writeEcs(out);
        lines = out.toString().lines().toList();
    }

    @Test
    void everyLineIsAnEcsNetworkDocumentWithTheRequiredFields() {
        assertThat(lines).hasSize((int) summary.events());
        Set<String> agents = new HashSet<>();
        for (String line : lines) {
            JsonNode d = EcsLines.tree(line);
            agents.add(EcsLines.text(d, "agent", "type"));
            assertThat(d.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(d.path("event").path("category").get(0).asText()).isEqualTo("network");
            assertThat(EcsLines.text(d, "host", "os", "type")).isEqualTo("linux");
            assertThat(EcsLines.text(d, "host", "os", "family")).isIn("debian", "redhat");
            for (String[] field : new String[][] {{"host", "name"}, {"host", "id"}, {"process", "name"},
                    {"process", "executable"}, {"process", "pid"}, {"user", "name"}, {"user", "id"},
                    {"event", "action"}, {"event", "module"}, {"network", "direction"}}) {
                assertThat(EcsLines.text(d, field)).as("%s in %s", String.join(".", field), line).isNotBlank();
            }
            if ("endpoint".equals(EcsLines.text(d, "agent", "type"))) {
                assertThat(EcsLines.text(d, "event", "dataset")).isEqualTo("endpoint.events.network");
                assertThat(EcsLines.text(d, "event", "module")).isEqualTo("endpoint");
                assertThat(EcsLines.text(d, "event", "action")).isIn("connection_attempted", "connection_accepted", "disconnect_received");
                assertThat(EcsLines.text(d, "process", "entity_id")).isNotBlank();
                assertThat(EcsLines.text(d, "destination", "ip")).isNotBlank();
                assertThat(EcsLines.text(d, "source", "ip")).isNotBlank();
                assertThat(EcsLines.text(d, "network", "transport")).isIn("tcp", "udp");
            } else {
                assertThat(EcsLines.text(d, "agent", "type")).isEqualTo("auditbeat");
                assertThat(EcsLines.text(d, "event", "module")).isEqualTo("auditd");
                assertThat(d.path("event").path("type").toString()).isEqualTo("[\"connection\",\"start\"]");
                String action = EcsLines.text(d, "event", "action");
                assertThat(action).isIn("connected-to", "accepted-connection-from");
                String side = action.equals("connected-to") ? "destination" : "source";
                assertThat(EcsLines.text(d, side, "ip")).isEqualTo(EcsLines.text(d, "auditd", "data", "socket", "addr"));
                assertThat(EcsLines.text(d, "auditd", "summary", "how")).isEqualTo(EcsLines.text(d, "process", "executable"));
                assertThat(EcsLines.text(d, "process", "name").length()).isLessThanOrEqualTo(15);
            }
        }
        assertThat(agents).containsExactlyInAnyOrder("endpoint", "auditbeat");
        assertThat(summary.defendEvents()).isPositive();
        assertThat(summary.auditbeatEvents()).isPositive();
    }

    @Test
    void linesAreInTimeOrder() {
        Instant previous = Instant.MIN;
        for (String line : lines) {
            Instant t = Instant.parse(EcsLines.tree(line).path("@timestamp").asText());
            assertThat(t).isAfterOrEqualTo(previous);
            previous = t;
        }
        assertThat(Instant.parse(EcsLines.tree(lines.get(0)).path("@timestamp").asText())).isAfterOrEqualTo(sim.spec().start());
        assertThat(previous).isBefore(sim.spec().end());
    }

    @Test
    void normalizedEventsEqualWhatTheLinesSay() {
        Iterator<NetworkEvent> events = sim.events().iterator();
        for (String line : lines) {
            assertThat(events.hasNext()).isTrue();
            assertThat(events.next()).as(line).isEqualTo(EcsLines.parse(EcsLines.tree(line)));
        }
        assertThat(events.hasNext()).isFalse();
    }

    @Test
    void filterBaitIsPresentAndCounted() {
        // A disconnect is counted once, as not a network start, whatever else it matches.
        List<String> starts = lines.stream().filter(l -> !l.contains("\"disconnect_received\"")).toList();
        long disconnects = lines.size() - starts.size();
        long loopback = starts.stream().filter(l -> l.contains("\"127.0.0.53\"")).count();
        long jenkins = starts.stream().filter(l -> l.contains("\"name\":\"jenkins\"")).count();
        long agentsOwn = starts.stream().filter(l -> l.matches(".*\"process\":\\{[^}]*\"name\":\"(elastic-agent|filebeat|metricbeat)\".*")).count();
        assertThat(loopback).isPositive().isEqualTo(summary.filterBait().get("loopback_destination"));
        assertThat(jenkins).isPositive().isEqualTo(summary.filterBait().get("excluded_user"));
        assertThat(agentsOwn).isPositive().isEqualTo(summary.filterBait().get("elastic_agent"));
        assertThat(disconnects).isPositive().isEqualTo(summary.filterBait().get("not_network_start"));
        assertThat(sim.datafeedEvents().count()).isEqualTo(summary.keptEvents());
    }

    @Test
    void demoSizeFitsTheDemo() {
        assertThat(summary.events()).isBetween(30_000L, 60_000L);
        assertThat(summary.hosts()).isEqualTo(12);
        assertThat(summary.attacks()).isEqualTo(8);
    }

    @Test
    void auditbeatHostsReportTheTruncatedComm() {
        assertThat(lines).anyMatch(l -> l.contains("\"agent\":{") && l.contains("\"type\":\"auditbeat\"")
                && l.contains("\"name\":\"systemd-resolve\""));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"endpoint\"") && l.contains("\"name\":\"systemd-resolved\""));
    }
}
