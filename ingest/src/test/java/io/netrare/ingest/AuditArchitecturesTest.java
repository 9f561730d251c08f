package io.netrare.ingest;

import io.netrare.ingest.audit.AuditArch;
import io.netrare.ingest.audit.SockAddr;
import io.netrare.ingest.audit.Syscalls;
import io.netrare.schema.NetworkEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket syscalls of every architecture auditd logs, as SYSCALL + SOCKADDR + EOE sequences written for these
 * tests: the syscall number comes from the architecture's table (through socketcall's first argument where it
 * multiplexes), and the sockaddr's family from the architecture's byte order.
 */
class AuditArchitecturesTest {

    /** AF_INET 93.184.216.34:443, family in little-endian order. */
    static final String V4_LE = "020001BB5DB8D8220000000000000000";
    /** The same address from a big-endian host: the family's bytes swap, port and address stay in network order. */
    static final String V4_BE = "000201BB5DB8D8220000000000000000";
    /** AF_INET6 [2001:db8::1]:443, big-endian family. */
    static final String V6_BE = "000A01BB0000000020010DB8000000000000000000000001" + "00000000";

    @ParameterizedTest(name = "{0} syscall {1} a0={2} -> {4}")
    @CsvSource({
            // arch,   syscall, a0, saddr, action
            "c000003e, 42,  3, LE, connected-to",
            "c000003e, 43,  3, LE, accepted-connection-from",
            "c000003e, 288, 3, LE, accepted-connection-from",
            "c000003e, 49,  3, LE, bound-socket",
            "40000003, 102, 3, LE, connected-to",
            "40000003, 102, 5, LE, accepted-connection-from",
            "40000003, 102, 12, LE, accepted-connection-from",
            "40000003, 102, 2, LE, bound-socket",
            "40000003, 362, 3, LE, connected-to",
            "40000003, 364, 3, LE, accepted-connection-from",
            "c00000b7, 203, 3, LE, connected-to",
            "c00000b7, 202, 3, LE, accepted-connection-from",
            "c00000b7, 242, 3, LE, accepted-connection-from",
            "c00000b7, 200, 3, LE, bound-socket",
            "40000028, 283, 3, LE, connected-to",
            "40000028, 285, 3, LE, accepted-connection-from",
            "40000028, 366, 3, LE, accepted-connection-from",
            "40000028, 282, 3, LE, bound-socket",
            "40000028, 102, 3, LE, connected-to",
            "80000015, 328, 3, BE, connected-to",
            "80000015, 330, 3, BE, accepted-connection-from",
            "80000015, 344, 3, BE, accepted-connection-from",
            "80000015, 327, 3, BE, bound-socket",
            "80000015, 102, 3, BE, connected-to",
            "c0000015, 328, 3, LE, connected-to",
            "c0000015, 330, 3, LE, accepted-connection-from",
            "80000016, 362, 3, BE, connected-to",
            "80000016, 364, 3, BE, accepted-connection-from",
            "80000016, 361, 3, BE, bound-socket",
            "80000016, 102, 5, BE, accepted-connection-from",
            "c00000f3, 203, 3, LE, connected-to",
            "c00000f3, 202, 3, LE, accepted-connection-from",
            "c00000f3, 242, 3, LE, accepted-connection-from",
            "c00000f3, 200, 3, LE, bound-socket",
    })
    void socketSyscallsOfEveryArchitectureBecomeNetworkStarts(String arch, int syscall, String a0, String order, String action) {
        String saddr = order.equals("LE") ? V4_LE : V4_BE;
        String input = "type=SYSCALL msg=audit(1733040001.000:77): arch=" + arch + " syscall=" + syscall + " success=yes exit=0 a0="
                + a0 + " a1=bfc0 a2=10 a3=0 items=0 ppid=1 pid=321 auid=1000 uid=1000 comm=\"wget\" exe=\"/usr/bin/wget\" key=(null)\n"
                + "type=SOCKADDR msg=audit(1733040001.000:77): saddr=" + saddr + "\n"
                + "type=EOE msg=audit(1733040001.000:77):\n";
        Harness.Result r = Harness.run(Harness.replayConfig(), input);

        assertThat(r.counts().rejected()).isZero();
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.event().action()).isEqualTo(action);
            NetworkEvent.Endpoint peer = action.equals("connected-to") ? e.destination() : e.source();
            assertThat(peer.ip()).isEqualTo("93.184.216.34");
            assertThat(peer.port()).isEqualTo(443);
            assertThat(e.process().name()).isEqualTo("wget");
        });
    }

    @ParameterizedTest(name = "{0} syscall {1} a0={2} is {3}")
    @CsvSource({
            "c000003e, 50,  3, listen",
            "c000003e, 44,  3, sendto",
            "40000003, 102, 4, listen",
            "40000003, 102, b, sendto",
            "40000003, 102, 1, socket",
            "c00000b7, 42,  3, syscall-42",
            "80000016, 369, 3, sendto",
            "c00000f3, 206, 3, sendto",
            "80000015, 102, 10, sendmsg",
    })
    void otherSocketSyscallsAreNamedButAreNoNetworkStart(String arch, String syscall, String a0, String name) {
        assertThat(Syscalls.name(arch, syscall, a0)).isEqualTo(name);
        assertThat(Syscalls.action(name)).isNull();
    }

    @Test
    void interpretedArchitectureAndSyscallNamesAreRead() {
        assertThat(Syscalls.name("ppc64", "connect", null)).isEqualTo("connect");
        assertThat(Syscalls.name("i386", "socketcall", "connect")).isEqualTo("connect");
        assertThat(AuditArch.of("s390x")).isEqualTo(AuditArch.S390X);
        assertThat(AuditArch.of("C00000B7")).isEqualTo(AuditArch.AARCH64);
        assertThat(Syscalls.name("deadbeef", "42", null)).isEqualTo("syscall-42@deadbeef");
    }

    @Test
    void bigEndianSockaddrsDecodeByTheArchitecturesByteOrder() {
        SockAddr v6 = SockAddr.decode(V6_BE, AuditArch.PPC64);
        assertThat(v6.family()).isEqualTo(SockAddr.AF_INET6);
        assertThat(v6.ip()).isEqualTo("2001:db8::1");
        assertThat(SockAddr.decode("00107f0000000000000000000000", AuditArch.S390X).family()).isEqualTo(SockAddr.AF_NETLINK);
        // the same bytes read little-endian are no known family
        assertThat(SockAddr.decode(V4_BE, AuditArch.X86_64).family()).isEqualTo(512);
        // no architecture: the byte order that gives a known family
        assertThat(SockAddr.decode(V4_BE, null).family()).isEqualTo(SockAddr.AF_INET);
        assertThat(SockAddr.decode(V4_LE, null).family()).isEqualTo(SockAddr.AF_INET);
    }
}
