package io.netrare.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes an Auditbeat auditd-module document for a connect or accept syscall, with the {@code auditd.*}
 * fields Auditbeat derives from go-libaudit's normalization and the ECS fields it adds.
 */
final class AuditbeatDocument {

    static final String AGENT_VERSION = "8.19.4";

    private AuditbeatDocument() {
    }

    static String action(Connection c) {
        return c.inbound() ? "accepted-connection-from" : "connected-to";
    }

    static void write(JsonGenerator g, Connection c, long sequence) throws IOException {
        SimHost host = c.host();
        String uid = Users.id(c.user());
        String port = Integer.toString(c.remotePort());
        g.writeStartObject();
        g.writeStringField("@timestamp", EcsTime.format(c.time()));
        g.writeObjectFieldStart("agent");
        g.writeStringField("id", host.agentId());
        g.writeStringField("name", host.name());
        g.writeStringField("type", "auditbeat");
        g.writeStringField("version", AGENT_VERSION);
        g.writeEndObject();
        g.writeObjectFieldStart("ecs");
        g.writeStringField("version", "8.0.0");
        g.writeEndObject();
        g.writeObjectFieldStart("event");
        g.writeStringField("action", action(c));
        g.writeArrayFieldStart("category");
        g.writeString("network");
        g.writeEndArray();
        g.writeArrayFieldStart("type");
        g.writeString("connection");
        g.writeString("start");
        g.writeEndArray();
        g.writeStringField("kind", "event");
        g.writeStringField("module", "auditd");
        g.writeStringField("outcome", "success");
        g.writeEndObject();
        g.writeObjectFieldStart("host");
        g.writeStringField("name", host.name());
        g.writeStringField("hostname", host.name());
        g.writeStringField("id", host.id());
        g.writeStringField("architecture", "x86_64");
        g.writeObjectFieldStart("os");
        g.writeStringField("type", "linux");
        g.writeStringField("family", host.os().family());
        g.writeStringField("name", host.os().name());
        g.writeStringField("version", host.os().version());
        g.writeStringField("platform", host.os().platform());
        g.writeStringField("kernel", host.os().kernel());
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("service");
        g.writeStringField("type", "auditd");
        g.writeEndObject();
        g.writeArrayFieldStart("tags");
        g.writeString("net");
        g.writeEndArray();
        writeAuditd(g, c, sequence, port);
        g.writeObjectFieldStart("process");
        g.writeNumberField("pid", c.pid());
        g.writeStringField("name", c.observedName());
        g.writeStringField("executable", c.executable());
        g.writeStringField("title", c.observedName());
        g.writeObjectFieldStart("parent");
        g.writeNumberField("pid", c.ppid());
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart(c.inbound() ? "source" : "destination");
        g.writeStringField("ip", c.remoteIp());
        g.writeNumberField("port", c.remotePort());
        g.writeEndObject();
        g.writeObjectFieldStart("network");
        g.writeStringField("direction", c.inbound() ? "ingress" : "egress");
        g.writeEndObject();
        g.writeObjectFieldStart("user");
        g.writeStringField("id", uid);
        g.writeStringField("name", c.user());
        g.writeObjectFieldStart("audit");
        g.writeStringField("id", "unset");
        g.writeEndObject();
        g.writeObjectFieldStart("effective");
        g.writeStringField("id", uid);
        g.writeStringField("name", c.user());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeAuditd(JsonGenerator g, Connection c, long sequence, String port) throws IOException {
        g.writeObjectFieldStart("auditd");
        g.writeObjectFieldStart("data");
        g.writeStringField("arch", "x86_64");
        g.writeStringField("syscall", c.inbound() ? "accept4" : "connect");
        g.writeStringField("exit", c.inbound() ? "5" : "0");
        g.writeStringField("tty", "(none)");
        g.writeObjectFieldStart("socket");
        g.writeStringField("addr", c.remoteIp());
        g.writeStringField("family", "ipv4");
        g.writeStringField("port", port);
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("message_type", "syscall");
        g.writeStringField("result", "success");
        g.writeNumberField("sequence", sequence);
        g.writeStringField("session", "unset");
        g.writeObjectFieldStart("summary");
        g.writeObjectFieldStart("actor");
        g.writeStringField("primary", "unset");
        g.writeStringField("secondary", c.user());
        g.writeEndObject();
        g.writeStringField("how", c.executable());
        g.writeObjectFieldStart("object");
        g.writeStringField("primary", c.remoteIp());
        g.writeStringField("secondary", port);
        g.writeStringField("type", "socket");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
