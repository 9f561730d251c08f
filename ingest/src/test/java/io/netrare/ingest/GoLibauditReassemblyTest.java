package io.netrare.ingest;

import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** go-libaudit's testdata/{normal,lost_messages,out_of_order,rollover}.log through the reassembler. */
class GoLibauditReassemblyTest {

    private static final String DIR = "fixtures/go-libaudit/testdata/";

    @Test
    void normalLogYieldsTheConnectAndTheAcceptAndFiltersTheRest() {
        Harness.Result r = Harness.run(Harness.replayConfig(), Harness.fixture(DIR + "normal.log"));

        // 5 events (serials 58..62): 2 emitted, 2 execve + 1 AF_UNIX connect filtered, nothing rejected.
        assertThat(r.counts().read()).isEqualTo(5);
        assertThat(r.counts().emitted()).isEqualTo(2);
        assertThat(r.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(2);
        assertThat(r.counts().filtered(FilterReason.UNIX_SOCKET)).isEqualTo(1);
        assertThat(r.counts().rejected()).isZero();

        NetworkEvent connect = r.events().get(0);
        assertThat(connect.timestamp()).isEqualTo(Instant.parse("2017-04-12T22:48:09.295Z"));
        assertThat(connect.process().name()).isEqualTo("google_accounts");
        assertThat(connect.process().executable()).isEqualTo("/usr/bin/python2.7;58d1ccfb (deleted)");
        assertThat(connect.process().pid()).isEqualTo(1172L);
        assertThat(connect.user().id()).isEqualTo("0");
        assertThat(connect.destination().ip()).isEqualTo("169.254.169.254");
        assertThat(connect.destination().port()).isEqualTo(80);
        assertThat(connect.event().action()).isEqualTo("connected-to");
        assertThat(connect.network().direction()).isEqualTo("egress");
        assertThat(connect.host().os().type()).isEqualTo("linux");

        NetworkEvent accept = r.events().get(1);
        assertThat(accept.process().name()).isEqualTo("pickup");
        assertThat(accept.process().pid()).isEqualTo(12992L);
        assertThat(accept.user().id()).isEqualTo("89");
        assertThat(accept.event().action()).isEqualTo("accepted-connection-from");
        assertThat(accept.source().ip()).isNull(); // the log has no SOCKADDR for it
        assertThat(accept.network().direction()).isEqualTo("ingress");
    }

    @Test
    void outOfOrderAndLostMessagesYieldTheSameEvents() {
        List<NetworkEvent> normal = events("normal.log");
        Harness.Result outOfOrder = Harness.run(Harness.replayConfig(), Harness.fixture(DIR + "out_of_order.log"));
        Harness.Result lost = Harness.run(Harness.replayConfig(), Harness.fixture(DIR + "lost_messages.log"));

        assertThat(events("out_of_order.log")).isEqualTo(normal);
        assertThat(events("lost_messages.log")).isEqualTo(normal);
        assertThat(outOfOrder.counts().read()).isEqualTo(5);
        assertThat(lost.counts().read()).isEqualTo(5);
        assertThat(lost.counts().filteredByReason()).isEqualTo(outOfOrder.counts().filteredByReason());
    }

    @Test
    void shuffledRecordsWithinTheWindowYieldTheSameEvents() {
        List<String> lines = new ArrayList<>(List.of(new String(Harness.fixture(DIR + "normal.log"),
                StandardCharsets.UTF_8).split("\n")));
        List<NetworkEvent> normal = events("normal.log");
        for (long seed = 0; seed < 20; seed++) {
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, new Random(seed));
            Harness.Result r = Harness.run(Harness.replayConfig(), String.join("\n", shuffled));
            assertThat(r.events().stream().map(Harness::withoutProvenance).toList()).as("seed " + seed).isEqualTo(normal);
            assertThat(r.counts().read()).isEqualTo(5);
        }
    }

    @Test
    void rolloverKeepsSerialOrderAcrossTheWrap() {
        Harness.Result r = Harness.run(Harness.replayConfig(), Harness.fixture(DIR + "rollover.log"));

        // serials 4294967294, 4294967295 (execve), 0, 1, 2: four socket syscalls without SOCKADDR, one execve
        assertThat(r.counts().read()).isEqualTo(5);
        assertThat(r.counts().emitted()).isEqualTo(4);
        assertThat(r.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1);
        assertThat(r.events()).extracting(e -> e.process().pid()).containsExactly(1172L, 1229L, 12992L, 12992L);
        assertThat(r.events()).extracting(e -> e.event().action()).containsExactly(
                "connected-to", "connected-to", "accepted-connection-from", "accepted-connection-from");
    }

    @Test
    void rolloverRecordsArrivingOutOfOrderAreStillOrdered() {
        List<String> lines = new ArrayList<>(List.of(new String(Harness.fixture(DIR + "rollover.log"),
                StandardCharsets.UTF_8).split("\n")));
        Collections.reverse(lines);
        Harness.Result r = Harness.run(Harness.replayConfig(), String.join("\n", lines));
        assertThat(r.events()).extracting(e -> e.process().pid()).containsExactly(1172L, 1229L, 12992L, 12992L);
    }

    @Test
    void aRecordForAnEmittedSerialIsLate() {
        String eoe = "type=SYSCALL msg=audit(1492037289.295:58): arch=c000003e syscall=42 success=yes exit=0 pid=1 uid=0 comm=\"a\" exe=\"/a\"\n"
                + "type=EOE msg=audit(1492037289.295:58):\n"
                + "type=SOCKADDR msg=audit(1492037289.295:58): saddr=02000050A9FEA9FE0000000000000000\n";
        Harness.Result r = Harness.runAfter(Harness.replayConfig(), eoe, 57);
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.LATE_AUDIT_RECORD)).isEqualTo(1);
        assertThat(r.counts().read()).isEqualTo(2);
    }

    private static List<NetworkEvent> events(String file) {
        return Harness.run(Harness.replayConfig(), Harness.fixture(DIR + file)).events().stream()
                .map(Harness::withoutProvenance).toList();
    }
}
