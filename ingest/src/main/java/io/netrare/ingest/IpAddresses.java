package io.netrare.ingest;

/**
 * IP literals in one canonical text form (IPv4 dotted quad; IPv6 per RFC 5952: lower case, no leading zeros,
 * the longest zero run as {@code ::}), so that "::1", "0:0:0:0:0:0:0:1" and "::0001" compare equal.
 * Pure parsing: unlike {@code InetAddress.getByName} it never resolves a name.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The canonical form, or null when the text is not an IP literal. */
    public static String canonical(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (isCanonicalV4(text)) {
            return text; // the common case, without parsing into bytes and formatting again
        }
        byte[] bytes = parse(text);
        return bytes == null ? null : format(bytes);
    }

    /** A dotted quad as {@link #format} writes it: four numbers 0-255 without leading zeros. */
    static boolean isCanonicalV4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int parts = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /** {@link #isCanonicalV4(String)} on the ASCII bytes {@code [from, to)} of a text, without the text. */
    public static boolean isCanonicalV4(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 7 || n > 15) {
            return false;
        }
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                value = value * 10 + d;
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && b[start] == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (b[i] != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /** 4 or 16 bytes, or null. */
    public static byte[] parse(String text) {
        int zone = text.indexOf('%');
        String s = zone >= 0 ? text.substring(0, zone) : text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Groups of one side of "::"; a trailing dotted quad counts as two groups. */
    private static int[] groups(String side) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int n = parts.length;
        boolean v4Tail = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4Tail && i == n - 1) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                value = value * 16 + d;
            }
            out[i] = value;
        }
        return out;
    }

    /** Text form of 4 or 16 address bytes. */
    public static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        if (a.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + a.length);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as plain IPv4, so loopback exclusions still apply. */
    public static byte[] unmapV4(byte[] a) {
        if (a.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return a;
                }
            }
            if ((a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
                return new byte[] {a[12], a[13], a[14], a[15]};
            }
        }
        return a;
    }
}
