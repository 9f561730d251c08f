package io.netrare.ingest;

import io.netrare.ingest.audit.AuditValues;
import io.netrare.ingest.audit.SockAddr;
import io.netrare.ingest.audit.Syscalls;
import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditDecodingTest {

    @Test
    void ipv4AndIpv6Sockaddrs() {
        SockAddr v4 = SockAddr.decode("02000050A9FEA9FE0000000000000000");
        assertThat(v4.ip()).isEqualTo("169.254.169.254");
        assertThat(v4.port()).isEqualTo(80);
        // AF_INET6, port 443, flowinfo 0, 2001:db8::1, scope 0
        SockAddr v6 = SockAddr.decode("0A0001BB0000000020010DB8000000000000000000000001" + "00000000");
        assertThat(v6.ip()).isEqualTo("2001:db8::1");
        assertThat(v6.port()).isEqualTo(443);
        SockAddr mapped = SockAddr.decode("0A0000160000000000000000000000000000FFFF7F000001" + "00000000");
        assertThat(mapped.ip()).isEqualTo("127.0.0.1");
    }

    @Test
    void unixAndNetlinkAreRecognised() {
        SockAddr unix = SockAddr.decode("01007075626C69632F7069636B7570000000");
        assertThat(unix.family()).isEqualTo(SockAddr.AF_UNIX);
        assertThat(unix.path()).isEqualTo("public/pickup");
        assertThat(SockAddr.decode("100000000000000000000000").familyName()).isEqualTo("netlink");
    }

    @Test
    void proctitleIsNulSeparatedHex() {
        assertThat(AuditValues.proctitle("6966636F6E66696700656E7334002D70726F6D697363"))
                .containsExactly("ifconfig", "ens4", "-promisc");
        assertThat(AuditValues.proctitle("\"(sshd)\"")).containsExactly("(sshd)");
    }

    @Test
    void syscallTablesForBothArchitectures() {
        assertThat(Syscalls.action(Syscalls.name("c000003e", "42"))).isEqualTo("connected-to");
        assertThat(Syscalls.action(Syscalls.name("c000003e", "288"))).isEqualTo("accepted-connection-from");
        assertThat(Syscalls.action(Syscalls.name("c000003e", "49"))).isEqualTo("bound-socket");
        assertThat(Syscalls.action(Syscalls.name("c00000b7", "203"))).isEqualTo("connected-to");
        assertThat(Syscalls.action(Syscalls.name("c00000b7", "202"))).isEqualTo("accepted-connection-from");
        assertThat(Syscalls.action(Syscalls.name("c00000b7", "242"))).isEqualTo("accepted-connection-from");
        assertThat(Syscalls.action(Syscalls.name("c00000b7", "200"))).isEqualTo("bound-socket");
        assertThat(Syscalls.action(Syscalls.name("c00000b7", "42"))).isNull(); // 42 is not connect on aarch64
        assertThat(Syscalls.action(Syscalls.name("c000003e", "50"))).isNull(); // listen
    }

    @Test
    void enrichedAarch64ConnectOverIpv6WithUserName() {
        String log = "node=db-01 type=SYSCALL msg=audit(1732752000.100:700): arch=c00000b7 syscall=203 success=no exit=-111 "
                + "a0=3 ppid=1 pid=4242 auid=1000 uid=1001 comm=\"curl\" exe=\"/usr/bin/curl\" key=(null)"
                + "\u001dARCH=aarch64 SYSCALL=connect AUID=\"alice\" UID=\"bob\"\n"
                + "node=db-01 type=SOCKADDR msg=audit(1732752000.100:700): saddr=0A0001BB0000000020010DB800000000000000000000000100000000"
                + "\u001dSADDR={ saddr_fam=inet6 laddr=2001:db8::1 lport=443 }\n"
                + "node=db-01 type=PROCTITLE msg=audit(1732752000.100:700): proctitle=6375726C0068747470733A2F2F6578616D706C652E636F6D\n"
                + "node=db-01 type=EOE msg=audit(1732752000.100:700):\n";
        Harness.Result r = Harness.run(Harness.replayConfig(), log);
        assertThat(r.counts().emitted()).isEqualTo(1);
        NetworkEvent e = r.events().get(0);
        assertThat(e.host().name()).isEqualTo("db-01");
        assertThat(e.process().name()).isEqualTo("curl");
        assertThat(e.user().id()).isEqualTo("1001");
        assertThat(e.user().name()).isEqualTo("bob");
        assertThat(e.destination().ip()).isEqualTo("2001:db8::1");
        assertThat(e.destination().port()).isEqualTo(443);
        assertThat(e.event().action()).isEqualTo("connected-to"); // a refused connect is still an attempt
    }

    @Test
    void failedAcceptAndBindAreFiltered() {
        String log = "type=SYSCALL msg=audit(1732752000.100:800): arch=c000003e syscall=43 success=no exit=-11 pid=1 uid=0 comm=\"a\" exe=\"/a\"\n"
                + "type=EOE msg=audit(1732752000.100:800):\n"
                + "type=SYSCALL msg=audit(1732752000.200:801): arch=c000003e syscall=49 success=yes exit=0 pid=1 uid=0 comm=\"a\" exe=\"/a\"\n"
                + "type=SOCKADDR msg=audit(1732752000.200:801): saddr=02001F90000000000000000000000000\n"
                + "type=EOE msg=audit(1732752000.200:801):\n";
        IngestConfig c = Harness.replayConfig();
        Harness.Result r = Harness.run(c.withFilter(c.filter().withAcceptUnknownOs(true)), log);
        assertThat(r.counts().filtered(FilterReason.FAILED_SYSCALL)).isEqualTo(1);
        assertThat(r.events()).hasSize(1);
        assertThat(r.events().get(0).event().action()).isEqualTo("bound-socket");
        assertThat(r.events().get(0).source().port()).isEqualTo(8080);
        assertThat(r.events().get(0).source().ip()).isEqualTo("0.0.0.0");
    }

    @Test
    void inFlightBoundCompletesTheOldestEvent() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            log.append("type=SYSCALL msg=audit(1732752000.100:").append(1000 + i)
                    .append("): arch=c000003e syscall=42 success=yes exit=0 pid=1 uid=0 comm=\"a\" exe=\"/a\"\n");
        }
        IngestConfig c = Harness.replayConfig().withAudit(new AuditReassemblyConfig(java.time.Duration.ofSeconds(10), 5));
        java.util.List<Outcome> seen = new java.util.ArrayList<>();
        IngestPipeline p = new IngestPipeline(c, Harness.CLOCK, "t", seen::add);
        byte[] bytes = log.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            new LineReader(new java.io.ByteArrayInputStream(bytes), 1 << 20, 0).readAll(p::line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(seen).hasSize(55); // 5 still open
        p.finish();
        assertThat(seen).hasSize(60);
    }
}
