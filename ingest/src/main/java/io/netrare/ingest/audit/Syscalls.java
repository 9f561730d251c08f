package io.netrare.ingest.audit;

import java.util.Map;

/**
 * The syscalls that start network activity, by architecture ({@code arch=} in SYSCALL records), and the
 * action names Auditbeat gives them (go-libaudit's normalizations: connect -> connected-to,
 * accept/accept4 -> accepted-connection-from, bind -> bound-socket).
 */
public final class Syscalls {

    public static final String X86_64 = "c000003e";
    public static final String AARCH64 = "c00000b7";

    private static final Map<Integer, String> X86_64_NAMES = Map.of(
            42, "connect", 43, "accept", 49, "bind", 50, "listen", 288, "accept4", 44, "sendto", 59, "execve");
    private static final Map<Integer, String> AARCH64_NAMES = Map.of(
            200, "bind", 201, "listen", 202, "accept", 203, "connect", 242, "accept4", 206, "sendto", 221, "execve");

    private Syscalls() {
    }

    /**
     * The syscall's name: the table entry for the architecture, the value itself when auditd already
     * interpreted it, or {@code "syscall-N"} when unknown.
     */
    public static String name(String arch, String syscall) {
        if (syscall == null) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(syscall);
        } catch (NumberFormatException e) {
            return syscall; // already a name (interpreted or enriched log)
        }
        String archLower = arch == null ? "" : arch.toLowerCase(java.util.Locale.ROOT);
        Map<Integer, String> table = switch (archLower) {
            case X86_64, "x86_64" -> X86_64_NAMES;
            case AARCH64, "aarch64" -> AARCH64_NAMES;
            default -> Map.of();
        };
        return table.getOrDefault(number, "syscall-" + number + (table.isEmpty() ? "@" + arch : ""));
    }

    /** The Auditbeat action for a network-start syscall, or null. */
    public static String action(String syscallName) {
        if (syscallName == null) {
            return null;
        }
        return switch (syscallName) {
            case "connect" -> "connected-to";
            case "accept", "accept4" -> "accepted-connection-from";
            case "bind" -> "bound-socket";
            default -> null;
        };
    }

    /** Names of auditd's errno values that matter here. */
    public static String errno(long exit) {
        return switch ((int) exit) {
            case -115 -> "EINPROGRESS";
            case -111 -> "ECONNREFUSED";
            case -110 -> "ETIMEDOUT";
            case -101 -> "ENETUNREACH";
            case -113 -> "EHOSTUNREACH";
            case -11 -> "EAGAIN";
            case -13 -> "EACCES";
            case -1 -> "EPERM";
            default -> String.valueOf(exit);
        };
    }
}
