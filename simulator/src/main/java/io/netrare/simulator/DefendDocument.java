package io.netrare.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes an Elastic Defend Linux network event ({@code endpoint.events.network}) as one ECS document. Field
 * names follow the endpoint package's Linux network field list; the values are simulated.
 */
final class DefendDocument {

    static final String AGENT_VERSION = "8.19.4";

    private DefendDocument() {
    }

    static String action(Connection c) {
        return c.disconnect() ? "disconnect_received" : c.inbound() ? "connection_accepted" : "connection_attempted";
    }

    /** Defend's entity id is an opaque per-process string; ours is stable for one process on one host. */
    static String entityId(Connection c) {
        String raw = c.host().id().substring(0, 12) + "-" + c.pid() + "-" + c.processStart();
        return Base64.getEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static void write(JsonGenerator g, Connection c, long sequence) throws IOException {
        SimHost host = c.host();
        boolean inbound = c.inbound();
        g.writeStartObject();
        g.writeStringField("@timestamp", EcsTime.format(c.time()));
        g.writeObjectFieldStart("agent");
        g.writeStringField("id", host.agentId());
        g.writeStringField("type", "endpoint");
        g.writeStringField("version", AGENT_VERSION);
        g.writeEndObject();
        g.writeObjectFieldStart("data_stream");
        g.writeStringField("dataset", "endpoint.events.network");
        g.writeStringField("namespace", "default");
        g.writeStringField("type", "logs");
        g.writeEndObject();
        g.writeObjectFieldStart("ecs");
        g.writeStringField("version", "8.10.0");
        g.writeEndObject();
        g.writeObjectFieldStart("event");
        g.writeStringField("action", action(c));
        g.writeArrayFieldStart("category");
        g.writeString("network");
        g.writeEndArray();
        g.writeArrayFieldStart("type");
        g.writeString(c.disconnect() ? "end" : "start");
        g.writeEndArray();
        g.writeStringField("dataset", "endpoint.events.network");
        g.writeStringField("module", "endpoint");
        g.writeStringField("kind", "event");
        g.writeStringField("outcome", "unknown");
        g.writeNumberField("sequence", sequence);
        g.writeEndObject();
        writeHost(g, host);
        g.writeObjectFieldStart("process");
        g.writeNumberField("pid", c.pid());
        g.writeStringField("name", c.name());
        g.writeStringField("executable", c.executable());
        g.writeStringField("entity_id", entityId(c));
        g.writeEndObject();
        g.writeObjectFieldStart("user");
        g.writeStringField("name", c.user());
        g.writeStringField("id", Users.id(c.user()));
        g.writeEndObject();
        writeEndpoint(g, "source", inbound ? c.remoteIp() : host.ip(), inbound ? c.remotePort() : c.localPort());
        writeEndpoint(g, "destination", inbound ? host.ip() : c.remoteIp(), inbound ? c.localPort() : c.remotePort());
        g.writeObjectFieldStart("network");
        g.writeStringField("direction", inbound ? "ingress" : "egress");
        g.writeStringField("transport", c.transport());
        g.writeStringField("type", "ipv4");
        g.writeEndObject();
        g.writeStringField("message", "Endpoint network event");
        g.writeEndObject();
    }

    private static void writeHost(JsonGenerator g, SimHost host) throws IOException {
        g.writeObjectFieldStart("host");
        g.writeStringField("name", host.name());
        g.writeStringField("hostname", host.name());
        g.writeStringField("id", host.id());
        g.writeStringField("architecture", "x86_64");
        g.writeArrayFieldStart("ip");
        g.writeString(host.ip());
        g.writeEndArray();
        g.writeObjectFieldStart("os");
        g.writeStringField("type", "linux");
        g.writeStringField("family", host.os().family());
        g.writeStringField("name", host.os().name());
        g.writeStringField("version", host.os().version());
        g.writeStringField("platform", host.os().platform());
        g.writeStringField("kernel", host.os().kernel());
        g.writeStringField("full", host.os().name() + " " + host.os().version());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeEndpoint(JsonGenerator g, String field, String ip, int port) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("address", ip);
        g.writeStringField("ip", ip);
        g.writeNumberField("port", port);
        g.writeEndObject();
    }
}
