package io.netrare.ingest.parse;

/**
 * Recognizes a syslog line ({@code [<PRI>]TIMESTAMP HOST PROGRAM[PID]: MESSAGE}, with an RFC 3164
 * {@code Mmm dd hh:mm:ss} or an RFC 3339 timestamp, as rsyslog and journald forwarders write) and names its
 * program, so that lines of the log that are not telemetry can be told apart from broken telemetry.
 */
public final class SyslogLine {

    private SyslogLine() {
    }

    /** The program name of a syslog line, or null when the line does not have a syslog header. */
    public static String program(String line) {
        int i = 0;
        int n = line.length();
        if (i < n && line.charAt(i) == '<') {
            int close = line.indexOf('>', i);
            if (close < 0 || close > 5) {
                return null;
            }
            i = close + 1;
        }
        int afterTime = timestamp(line, i);
        if (afterTime < 0 || afterTime >= n || line.charAt(afterTime) != ' ') {
            return null;
        }
        int hostStart = afterTime + 1;
        int hostEnd = line.indexOf(' ', hostStart);
        if (hostEnd <= hostStart) {
            return null;
        }
        int progStart = hostEnd + 1;
        int colon = line.indexOf(':', progStart);
        if (colon <= progStart) {
            return null;
        }
        String tag = line.substring(progStart, colon);
        int bracket = tag.indexOf('[');
        String program = bracket < 0 ? tag : tag.substring(0, bracket);
        if (program.isEmpty() || program.indexOf(' ') >= 0 || (bracket >= 0 && !tag.endsWith("]"))) {
            return null;
        }
        return program;
    }

    /** Index after a timestamp at {@code i}, or -1. */
    private static int timestamp(String s, int i) {
        if (s.length() >= i + 15 && Character.isUpperCase(s.charAt(i)) && Character.isLowerCase(s.charAt(i + 1))
                && Character.isLowerCase(s.charAt(i + 2)) && s.charAt(i + 3) == ' '
                && (s.charAt(i + 4) == ' ' || Character.isDigit(s.charAt(i + 4))) && Character.isDigit(s.charAt(i + 5))
                && s.charAt(i + 6) == ' ' && s.charAt(i + 9) == ':' && s.charAt(i + 12) == ':') {
            return i + 15; // Mmm dd hh:mm:ss
        }
        if (s.length() >= i + 19 && Character.isDigit(s.charAt(i)) && s.charAt(i + 4) == '-' && s.charAt(i + 7) == '-'
                && s.charAt(i + 10) == 'T') {
            int end = s.indexOf(' ', i);
            return end < 0 ? -1 : end; // RFC 3339, any precision and offset
        }
        return -1;
    }
}
