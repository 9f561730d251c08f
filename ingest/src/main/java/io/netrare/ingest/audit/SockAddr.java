package io.netrare.ingest.audit;

import io.netrare.ingest.IpAddresses;

/**
 * A decoded {@code saddr}: the raw {@code struct sockaddr} in hex. The family is the first two bytes in the
 * host's byte order (little-endian on x86, arm, aarch64, ppc64le, riscv; big-endian on ppc64 and s390x); for
 * AF_INET the port (network order) follows, then 4 address bytes; AF_INET6 has port, 4 bytes of flow info,
 * then 16 address bytes.
 */
public record SockAddr(int family, String ip, Integer port, String path) {

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;

    /** Decodes a little-endian host's sockaddr (see {@link #decode(String, AuditArch)}). */
    public static SockAddr decode(String hex) {
        return decode(hex, AuditArch.X86_64);
    }

    /**
     * Decodes the hex written on {@code arch}; throws {@link IllegalArgumentException} when it is not a
     * sockaddr. With no known architecture, the byte order is the one that gives a known family.
     */
    public static SockAddr decode(String hex, AuditArch arch) {
        byte[] b = AuditValues.hex(hex);
        if (b == null || b.length < 2) {
            throw new IllegalArgumentException("saddr is not hex of a sockaddr");
        }
        int little = (b[0] & 0xff) | ((b[1] & 0xff) << 8);
        int big = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int family;
        if (arch != null) {
            family = arch.littleEndian() ? little : big;
        } else {
            family = known(little) || !known(big) ? little : big;
        }
        switch (family) {
            case AF_INET -> {
                if (b.length < 8) {
                    throw new IllegalArgumentException("AF_INET saddr too short");
                }
                byte[] a = {b[4], b[5], b[6], b[7]};
                return new SockAddr(family, IpAddresses.format(a), port(b), null);
            }
            case AF_INET6 -> {
                if (b.length < 24) {
                    throw new IllegalArgumentException("AF_INET6 saddr too short");
                }
                byte[] a = new byte[16];
                System.arraycopy(b, 8, a, 0, 16);
                return new SockAddr(family, IpAddresses.format(IpAddresses.unmapV4(a)), port(b), null);
            }
            case AF_UNIX -> {
                int end = 2;
                int start = 2;
                if (b.length > 2 && b[2] == 0) {
                    start = 3; // abstract socket name
                    end = 3;
                }
                while (end < b.length && b[end] != 0) {
                    end++;
                }
                return new SockAddr(family, null, null, new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> {
                return new SockAddr(family, null, null, null);
            }
        }
    }

    private static boolean known(int family) {
        return family == AF_UNIX || family == AF_INET || family == AF_INET6 || family == AF_NETLINK;
    }

    private static int port(byte[] b) {
        return ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public String familyName() {
        return switch (family) {
            case AF_UNIX -> "unix";
            case AF_INET -> "ipv4";
            case AF_INET6 -> "ipv6";
            case AF_NETLINK -> "netlink";
            default -> "family-" + family;
        };
    }
}
