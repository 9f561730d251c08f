package io.netrare.ingest.audit;

import java.util.Map;

/**
 * The syscalls that start network activity, by architecture ({@code arch=} in SYSCALL records), and the
 * action names Auditbeat gives them (go-libaudit's normalizations: connect -> connected-to,
 * accept/accept4 -> accepted-connection-from, bind -> bound-socket).
 */
public final class Syscalls {

    private Syscalls() {
    }

    /**
     * The syscall's name: the architecture's table entry (through {@code socketcall}'s first argument
     * {@code a0} on i386, arm, ppc and s390), the value itself when auditd already interpreted it, or
     * {@code "syscall-N"} (with {@code @arch} when the architecture is unknown).
     */
    public static String name(String arch, String syscall, String a0) {
        if (syscall == null) {
            return null;
        }
        String name;
        AuditArch a = AuditArch.of(arch);
        try {
            int number = Integer.parseInt(syscall);
            name = a == null ? null : a.syscall(number);
            if (name == null) {
                return "syscall-" + number + (a == null ? "@" + arch : "");
            }
        } catch (NumberFormatException e) {
            name = syscall; // already a name (interpreted or enriched log)
        }
        return name.equals("socketcall") ? socketcall(a0) : name;
    }

    /** Two-argument form for records without {@code a0}. */
    public static String name(String arch, String syscall) {
        return name(arch, syscall, null);
    }

    private static String socketcall(String a0) {
        if (a0 == null) {
            return "socketcall";
        }
        try {
            String call = AuditArch.socketcall(Integer.parseInt(a0, 16)); // auditd logs arguments in hex
            return call == null ? "socketcall-" + a0 : call;
        } catch (NumberFormatException e) {
            return a0; // interpreted: the call's name
        }
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
