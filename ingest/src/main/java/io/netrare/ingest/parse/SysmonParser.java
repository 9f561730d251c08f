package io.netrare.ingest.parse;

import io.netrare.ingest.FilterReason;
import io.netrare.ingest.Outcome;
import io.netrare.ingest.RejectReason;
import io.netrare.schema.NetworkEvent;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sysmon for Linux events: one {@code <Event>} XML element per line, bare or after a syslog prefix.
 * EventID 3 (network connection) becomes a NetworkEvent; other event ids are not network starts.
 *
 * <p>The element is read with a small scanner rather than an XML parser: the shape is fixed, it avoids
 * entity expansion and DTD attacks entirely, and it is several times faster.
 */
public final class SysmonParser {

    public static final String FORMAT = "sysmon";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    public Outcome parse(byte[] bytes, int off, int len, ParseContext ctx) {
        String text = Utf8.decode(bytes, off, len);
        if (text == null) {
            return EcsParser.reject(RejectReason.INVALID_ENCODING, "not UTF-8", bytes, off, len, ctx);
        }
        int start = text.indexOf("<Event");
        int end = text.lastIndexOf("</Event>");
        if (start < 0 || end < start) {
            return EcsParser.reject(RejectReason.MALFORMED_XML, "no <Event>...</Event> element", bytes, off, len, ctx);
        }
        String xml = text.substring(start, end);
        String eventId = element(xml, "<EventID>", "</EventID>");
        if (eventId == null) {
            return EcsParser.reject(RejectReason.MALFORMED_XML, "no EventID", bytes, off, len, ctx);
        }
        String provider = attribute(xml, "<Provider ", "Name");
        if (provider != null && !provider.equals("Linux-Sysmon")) {
            return new Outcome.Filtered(FilterReason.NOT_LINUX, "provider " + provider);
        }
        if (!eventId.trim().equals("3")) {
            return new Outcome.Filtered(FilterReason.NOT_NETWORK_START, "sysmon EventID " + Fields.abbreviate(eventId));
        }
        Map<String, String> data = data(xml);
        Instant timestamp;
        try {
            timestamp = time(data.get("UtcTime"), attribute(xml, "<TimeCreated ", "SystemTime"));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return EcsParser.reject(RejectReason.TIMESTAMP_INVALID, e.getMessage(), bytes, off, len, ctx);
        }
        if (timestamp == null) {
            if (ctx.fallbackTime() == null) {
                return EcsParser.reject(RejectReason.TIMESTAMP_MISSING, "no UtcTime", bytes, off, len, ctx);
            }
            timestamp = ctx.fallbackTime();
        }
        boolean initiated = "true".equalsIgnoreCase(data.get("Initiated"));
        String image = dash(data.get("Image"));
        try {
            NetworkEvent event = new NetworkEvent(NetworkEvent.SCHEMA_VERSION, timestamp,
                    new NetworkEvent.Host(dash(element(xml, "<Computer>", "</Computer>")), null, new NetworkEvent.Os("linux", null, null)),
                    new NetworkEvent.Process(Fields.basename(image), image, Fields.parseLong(data.get("ProcessId")),
                            dash(data.get("ProcessGuid"))),
                    new NetworkEvent.User(dash(data.get("User")), null),
                    new NetworkEvent.Endpoint(Fields.ip("SourceIp", dash(data.get("SourceIp"))), Fields.port(data.get("SourcePort"))),
                    new NetworkEvent.Endpoint(Fields.ip("DestinationIp", dash(data.get("DestinationIp"))),
                            Fields.port(data.get("DestinationPort"))),
                    new NetworkEvent.Network(dash(data.get("Protocol")), initiated ? "egress" : "ingress"),
                    new NetworkEvent.Event("network-connection", List.of("network"), List.of("connection", "start"),
                            "sysmon_linux", "sysmon_linux.log"),
                    1, new NetworkEvent.Provenance(ctx.source(), FORMAT, ctx.offset()));
            return new Outcome.Emitted(event);
        } catch (IllegalArgumentException e) {
            return EcsParser.reject(RejectReason.INVALID_FIELD, e.getMessage(), bytes, off, len, ctx);
        }
    }

    private static Instant time(String utcTime, String systemTime) {
        if (utcTime != null && !utcTime.isBlank()) {
            String t = utcTime.trim();
            Instant fast = Fields.fastUtcTime(t);
            if (fast != null) {
                return fast;
            }
            try {
                return LocalDateTime.parse(t, UTC_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("UtcTime '" + Fields.abbreviate(utcTime) + "' is not yyyy-MM-dd HH:mm:ss.SSS");
            }
        }
        return systemTime == null ? null : Fields.instant(systemTime);
    }

    /** Sysmon writes "-" for an unknown value. */
    private static String dash(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? null : s;
    }

    /** The text of the first element with this tag: {@code open} is {@code "<Name>"}, {@code close} {@code "</Name>"}. */
    private static String element(String xml, String open, String close) {
        int at = xml.indexOf(open);
        if (at < 0) {
            return null;
        }
        int from = at + open.length();
        int end = xml.indexOf(close, from);
        return end < 0 ? null : unescape(xml.substring(from, end));
    }

    private static String attribute(String xml, String elementStart, String name) {
        int at = xml.indexOf(elementStart);
        if (at < 0) {
            return null;
        }
        int endOfTag = xml.indexOf('>', at);
        String key = name + "=\"";
        int k = xml.indexOf(key, at);
        if (k < 0 || (endOfTag >= 0 && k > endOfTag)) {
            return null;
        }
        int from = k + key.length();
        int close = xml.indexOf('"', from);
        return close < 0 ? null : unescape(xml.substring(from, close));
    }

    private static Map<String, String> data(String xml) {
        Map<String, String> out = new HashMap<>();
        String marker = "<Data Name=\"";
        int at = xml.indexOf(marker);
        while (at >= 0) {
            int nameFrom = at + marker.length();
            int nameEnd = xml.indexOf('"', nameFrom);
            if (nameEnd < 0) {
                break;
            }
            String name = xml.substring(nameFrom, nameEnd);
            int tagEnd = xml.indexOf('>', nameEnd);
            if (tagEnd < 0) {
                break;
            }
            if (xml.charAt(tagEnd - 1) == '/') {
                out.put(name, "");
                at = xml.indexOf(marker, tagEnd);
                continue;
            }
            int close = xml.indexOf("</Data>", tagEnd);
            if (close < 0) {
                break;
            }
            out.put(name, unescape(xml.substring(tagEnd + 1, close)));
            at = xml.indexOf(marker, close);
        }
        return out;
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
