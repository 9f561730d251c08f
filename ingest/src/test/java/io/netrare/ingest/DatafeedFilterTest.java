package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per default exclusion of the anchor's datafeed, and what passes. */
class DatafeedFilterTest {

    private final DatafeedFilter filter = new DatafeedFilter(DatafeedFilterConfig.defaults());

    static NetworkEvent event(String osType, String osFamily, String destination, String user, String process) {
        return new NetworkEvent(1, Instant.parse("2026-11-20T10:00:00Z"),
                new NetworkEvent.Host("web-07", null, new NetworkEvent.Os(osType, osFamily, null)),
                new NetworkEvent.Process(process, null, 1L, null), new NetworkEvent.User(user, null),
                null, new NetworkEvent.Endpoint(destination, 443), null,
                new NetworkEvent.Event("connection_attempted", List.of("network"), List.of("start"), "endpoint", null),
                1, null);
    }

    @Test
    void aLinuxNetworkStartPasses() {
        assertThat(filter.reasonToDrop(event("linux", null, "45.9.20.1", "www-data", "xmrig"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian", "redhat", "suse", "ubuntu"})
    void linuxFamiliesPassWithoutOsType(String family) {
        assertThat(filter.reasonToDrop(event(null, family, "45.9.20.1", "u", "p"))).isNull();
    }

    @Test
    void osTypeMatchesIgnoringCaseAsElasticMatchDoes() {
        assertThat(filter.reasonToDrop(event("Linux", null, "45.9.20.1", "u", "p"))).isNull();
    }

    @Test
    void notLinuxIsDropped() {
        assertThat(filter.reasonToDrop(event("windows", "windows", "45.9.20.1", "u", "p"))).isEqualTo(FilterReason.NOT_LINUX);
        assertThat(filter.reasonToDrop(event("macos", "darwin", "45.9.20.1", "u", "p"))).isEqualTo(FilterReason.NOT_LINUX);
    }

    @Test
    void unknownOsIsDroppedUnlessConfigured() {
        assertThat(filter.reasonToDrop(event(null, null, "45.9.20.1", "u", "p"))).isEqualTo(FilterReason.OS_UNKNOWN);
        DatafeedFilter lenient = new DatafeedFilter(DatafeedFilterConfig.defaults().withAcceptUnknownOs(true));
        assertThat(lenient.reasonToDrop(event(null, null, "45.9.20.1", "u", "p"))).isNull();
    }

    @Test
    void notANetworkStartIsDropped() {
        NetworkEvent e = event("linux", null, "45.9.20.1", "u", "p");
        NetworkEvent end = new NetworkEvent(1, e.timestamp(), e.host(), e.process(), e.user(), e.source(), e.destination(),
                e.network(), new NetworkEvent.Event("disconnect_received", List.of("network"), List.of("end"), null, null), 1, null);
        assertThat(filter.reasonToDrop(end)).isEqualTo(FilterReason.NOT_NETWORK_START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.53", "::", "::1", "0:0:0:0:0:0:0:1", "0000::0001", "0::0"})
    void excludedDestinations(String ip) {
        assertThat(filter.reasonToDrop(event("linux", null, ip, "u", "p"))).isEqualTo(FilterReason.EXCLUDED_DESTINATION);
    }

    @Test
    void otherLoopbackAddressesAreNotInTheAnchorsList() {
        assertThat(filter.reasonToDrop(event("linux", null, "127.0.0.2", "u", "p"))).isNull();
    }

    @Test
    void jenkinsIsDropped() {
        assertThat(filter.reasonToDrop(event("linux", null, "45.9.20.1", "jenkins", "java"))).isEqualTo(FilterReason.EXCLUDED_USER);
        assertThat(filter.reasonToDrop(event("linux", null, "45.9.20.1", "Jenkins", "java"))).isNull(); // term is exact
    }

    @ParameterizedTest
    @ValueSource(strings = {"elastic-agent", "elastic-agent.exe", "metricbeat", "metricbeat.exe", "filebeat",
            "filebeat.exe", "packetbeat", "packetbeat.exe", "winlogbeat", "winlogbeat.exe"})
    void elasticAgentsAreDropped(String process) {
        assertThat(filter.reasonToDrop(event("linux", null, "45.9.20.1", "root", process))).isEqualTo(FilterReason.EXCLUDED_PROCESS);
    }

    @Test
    void auditbeatItselfIsNotInTheAnchorsList() {
        assertThat(filter.reasonToDrop(event("linux", null, "45.9.20.1", "root", "auditbeat"))).isNull();
    }
}
