package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents written by real peers (Auditbeat, Auditd Manager, the auditd integration, Sysmon for Linux),
 * fed as they are (pretty-printed JSON included): each parses to the expected values or is filtered with
 * the right reason.
 */
class PeerFixturesTest {

    private static IngestConfig nowForMissingTimestamps() {
        IngestConfig c = Harness.replayConfig();
        return c.withLimits(c.limits().withMissingTimestamp(IngestLimits.MissingTimestamp.USE_INGEST_TIME));
    }

    @Test
    void auditbeatAcceptJson() {
        // The _meta example has no @timestamp: 1 record, emitted when the ingest time stands in for it.
        Harness.Result r = Harness.run(nowForMissingTimestamps(),
                Harness.fixture("fixtures/elastic-beats/auditbeat/module/auditd/_meta/accept.json"));
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.counts().emitted()).isEqualTo(1);
        NetworkEvent e = r.events().get(0);
        assertThat(e.timestamp()).isEqualTo(Harness.CLOCK.instant());
        assertThat(e.process().name()).isEqualTo("sshd");
        assertThat(e.process().executable()).isEqualTo("/usr/sbin/sshd");
        assertThat(e.process().pid()).isEqualTo(1663L);
        assertThat(e.user().name()).isEqualTo("root");
        assertThat(e.user().id()).isEqualTo("0");
        assertThat(e.source().ip()).isEqualTo("72.83.230.100");
        assertThat(e.source().port()).isEqualTo(58140);
        assertThat(e.event().action()).isEqualTo("accepted-connection-from");
        assertThat(e.event().category()).contains("network");
        assertThat(e.event().type()).contains("start");
        assertThat(e.network().direction()).isEqualTo("ingress");
        assertThat(e.host().os().type()).isEqualTo("linux");
        assertThat(e.ingest().format()).isEqualTo("ecs-auditd");
        assertThat(e.ingest().offset()).isZero();
    }

    @Test
    void auditbeatAcceptJsonWithoutTimestampIsRejectedByDefault() {
        Harness.Result r = Harness.run(Harness.replayConfig(),
                Harness.fixture("fixtures/elastic-beats/auditbeat/module/auditd/_meta/accept.json"));
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.TIMESTAMP_MISSING)).isEqualTo(1);
    }

    @Test
    void auditbeatSystemSocketCloseIsNotANetworkStart() {
        Harness.Result r = Harness.run(Harness.replayConfig(),
                Harness.fixture("fixtures/elastic-beats/x-pack/auditbeat/module/system/socket/_meta/data.json"));
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1);
        assertThat(r.filtered().get(0).detail()).contains("socket_closed");
    }

    @Test
    void auditbeatSystemSocketOpenIsAStart() {
        String doc = "{\"@timestamp\":\"2017-10-12T08:05:34.853Z\",\"event\":{\"action\":\"socket_opened\",\"dataset\":\"socket\","
                + "\"module\":\"system\"},\"destination\":{\"ip\":\"93.184.216.34\",\"port\":443},\"network\":{\"direction\":\"outbound\","
                + "\"transport\":\"tcp\"},\"process\":{\"name\":\"curl\",\"pid\":4242},\"user\":{\"id\":1000,\"name\":\"alice\"}}";
        Harness.Result r = Harness.run(Harness.replayConfig(), doc);
        assertThat(r.counts().emitted()).isEqualTo(1);
        NetworkEvent e = r.events().get(0);
        assertThat(e.network().direction()).isEqualTo("egress");
        assertThat(e.user().id()).isEqualTo("1000");
        assertThat(e.host().os().type()).isEqualTo("linux");
    }

    @Test
    void auditdManagerSampleIsANetlinkSocket() {
        Harness.Result r = Harness.run(Harness.replayConfig(),
                Harness.fixture("fixtures/elastic-integrations/packages/auditd_manager/data_stream/auditd/sample_event.json"));
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.counts().filtered(FilterReason.NETLINK_SOCKET)).isEqualTo(1);
    }

    @Test
    void auditdIntegrationCryptoSessionIsNotANetworkStart() {
        // The pipeline-test file wraps documents in {"events": [...]}: netrare reads the wrapper as one
        // document without event fields, which is not a network start. The inner event, on its own:
        Harness.Result wrapper = Harness.run(Harness.replayConfig(), Harness.fixture(
                "fixtures/elastic-integrations/packages/auditd/data_stream/log/_dev/test/pipeline/test-coalesced-network-events.json"));
        assertThat(wrapper.counts().read()).isEqualTo(1);
        assertThat(wrapper.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1);

        String inner = new String(Harness.fixture(
                "fixtures/elastic-integrations/packages/auditd/data_stream/log/_dev/test/pipeline/test-coalesced-network-events.json"),
                java.nio.charset.StandardCharsets.UTF_8);
        inner = inner.substring(inner.indexOf('[') + 1, inner.lastIndexOf(']'));
        Harness.Result event = Harness.run(Harness.replayConfig(), inner);
        assertThat(event.counts().read()).isEqualTo(1);
        assertThat(event.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1);
        assertThat(event.filtered().get(0).detail()).contains("started-crypto-session");
    }

    @Test
    void sigmaSysmonForLinuxEvent3() {
        Harness.Result r = Harness.run(Harness.replayConfig(), Harness.fixture("fixtures/sigma/regression_data/rules/linux/"
                + "network_connection/net_connection_lnx_script_interpretors_cloud_metadata_access/"
                + "6c1f4d8a-2e5b-4c9f-a7d3-0b5e8f1c4a6d.xml"));
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.counts().emitted()).isEqualTo(1);
        NetworkEvent e = r.events().get(0);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-06-08T05:28:18.838Z"));
        assertThat(e.host().name()).isEqualTo("swachchhanda-ubuntu-wkstn");
        assertThat(e.host().os().type()).isEqualTo("linux");
        assertThat(e.process().name()).isEqualTo("node");
        assertThat(e.process().executable()).isEqualTo("/home/ubuntu/.nvm/versions/node/v24.11.1/bin/node");
        assertThat(e.process().pid()).isEqualTo(1745L);
        assertThat(e.user().name()).isEqualTo("ubuntu");
        assertThat(e.source().ip()).isEqualTo("192.168.4.101");
        assertThat(e.source().port()).isEqualTo(49848);
        assertThat(e.destination().ip()).isEqualTo("169.254.169.254");
        assertThat(e.destination().port()).isEqualTo(80);
        assertThat(e.network().transport()).isEqualTo("tcp");
        assertThat(e.network().direction()).isEqualTo("egress");
        assertThat(e.ingest().format()).isEqualTo("sysmon");
    }

    @Test
    void sysmonOtherEventIdsAndWindowsProviderAreFiltered() {
        String line = "<Event><System><Provider Name=\"Linux-Sysmon\"/><EventID>1</EventID></System><EventData/></Event>\n"
                + "<Event><System><Provider Name=\"Microsoft-Windows-Sysmon\"/><EventID>3</EventID></System><EventData/></Event>\n";
        Harness.Result r = Harness.run(Harness.replayConfig(), line);
        assertThat(r.filtered()).extracting(Outcome.Filtered::reason)
                .containsExactly(FilterReason.NOT_NETWORK_START, FilterReason.NOT_LINUX);
    }

    @Test
    void ownDefendSamples() {
        Harness.Result r = Harness.run(Harness.replayConfig(), Harness.fixture("defend/linux-network.ndjson"));
        // 4 lines: attempted (nested), accepted (dotted keys), a disconnect, a Windows host
        assertThat(r.counts().read()).isEqualTo(4);
        assertThat(r.counts().emitted()).isEqualTo(2);
        assertThat(r.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1);
        assertThat(r.counts().filtered(FilterReason.NOT_LINUX)).isEqualTo(1);
        List<NetworkEvent> events = r.events();
        NetworkEvent attempted = events.get(0);
        assertThat(attempted.process().name()).isEqualTo("xmrig");
        assertThat(attempted.process().entityId()).isEqualTo("ent-xmrig-1");
        assertThat(attempted.host().name()).isEqualTo("web-07");
        assertThat(attempted.host().os().family()).isEqualTo("ubuntu");
        assertThat(attempted.destination().ip()).isEqualTo("45.9.20.1");
        assertThat(attempted.destination().port()).isEqualTo(3333);
        assertThat(attempted.user().name()).isEqualTo("www-data");
        assertThat(attempted.event().dataset()).isEqualTo("endpoint.events.network");
        assertThat(attempted.ingest().format()).isEqualTo("ecs-endpoint");
        NetworkEvent accepted = events.get(1);
        assertThat(accepted.process().name()).isEqualTo("sshd");
        assertThat(accepted.source().ip()).isEqualTo("198.51.100.23");
        assertThat(accepted.network().direction()).isEqualTo("ingress");
        assertThat(accepted.event().action()).isEqualTo("connection_accepted");
    }
}
