package io.netrare.ingest.audit;

import java.util.Locale;
import java.util.Map;

/**
 * The architectures auditd names in a SYSCALL record's {@code arch=} field (the kernel's AUDIT_ARCH_* values,
 * whose 0x40000000 bit marks little-endian), with the numbers of the socket syscalls netrare reads.
 * Numbers follow the kernel's syscall tables (as go-libaudit lists them); riscv64 and aarch64 share the
 * generic table. i386, arm, ppc and s390 also reach the socket calls through the {@code socketcall}
 * multiplexer, whose first argument names the call.
 */
public enum AuditArch {
    X86_64(0xc000003eL, "x86_64", Map.of(42, "connect", 43, "accept", 44, "sendto", 49, "bind", 50, "listen",
            59, "execve", 288, "accept4")),
    I386(0x40000003L, "i386", Map.of(11, "execve", 102, "socketcall", 361, "bind", 362, "connect", 363, "listen",
            364, "accept4", 369, "sendto")),
    AARCH64(0xc00000b7L, "aarch64", Tables.GENERIC),
    RISCV64(0xc00000f3L, "riscv64", Tables.GENERIC),
    ARM(0x40000028L, "arm", Tables.ARM),
    ARMEB(0x28L, "armeb", Tables.ARM),
    PPC64(0x80000015L, "ppc64", Tables.PPC),
    PPC64LE(0xc0000015L, "ppc64le", Tables.PPC),
    PPC(0x14L, "ppc", Tables.PPC),
    S390X(0x80000016L, "s390x", Tables.S390),
    S390(0x16L, "s390", Tables.S390);

    /** {@code socketcall}'s first argument (linux/net.h SYS_*), for the calls that matter here. */
    private static final Map<Integer, String> SOCKETCALL = Map.of(1, "socket", 2, "bind", 3, "connect", 4, "listen",
            5, "accept", 9, "send", 11, "sendto", 16, "sendmsg", 18, "accept4");

    private final long code;
    private final String label;
    private final Map<Integer, String> syscalls;

    AuditArch(long code, String label, Map<Integer, String> syscalls) {
        this.code = code;
        this.label = label;
        this.syscalls = syscalls;
    }

    /** The architecture for an {@code arch=} value (hex code or the name auditd's interpretation gives), or null. */
    public static AuditArch of(String arch) {
        if (arch == null || arch.isEmpty()) {
            return null;
        }
        String a = arch.toLowerCase(Locale.ROOT);
        for (AuditArch x : values()) {
            if (x.label.equals(a)) {
                return x;
            }
        }
        long code;
        try {
            code = Long.parseLong(a.startsWith("0x") ? a.substring(2) : a, 16);
        } catch (NumberFormatException e) {
            return null;
        }
        for (AuditArch x : values()) {
            if (x.code == code) {
                return x;
            }
        }
        return null;
    }

    /** True when the {@code struct sockaddr} family field is stored little-endian (AUDIT_ARCH's LE bit). */
    public boolean littleEndian() {
        return (code & 0x40000000L) != 0;
    }

    public String label() {
        return label;
    }

    /** The syscall's name, or null when it is not in the table. */
    String syscall(int number) {
        return syscalls.get(number);
    }

    /** The socket call {@code socketcall}'s first argument selects, or null. */
    static String socketcall(int call) {
        return SOCKETCALL.get(call);
    }

    /** Shared tables (an enum constant cannot refer to a static field of its own enum in its constructor). */
    private static final class Tables {
        static final Map<Integer, String> GENERIC = Map.of(200, "bind", 201, "listen", 202, "accept", 203, "connect",
                206, "sendto", 221, "execve", 242, "accept4");
        static final Map<Integer, String> ARM = Map.of(11, "execve", 102, "socketcall", 282, "bind", 283, "connect",
                284, "listen", 285, "accept", 290, "sendto", 366, "accept4");
        static final Map<Integer, String> PPC = Map.of(11, "execve", 102, "socketcall", 327, "bind", 328, "connect",
                329, "listen", 330, "accept", 335, "sendto", 344, "accept4");
        static final Map<Integer, String> S390 = Map.of(11, "execve", 102, "socketcall", 361, "bind", 362, "connect",
                363, "listen", 364, "accept4", 369, "sendto");
    }
}
