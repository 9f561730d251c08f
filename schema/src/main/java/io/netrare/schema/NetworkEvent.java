package io.netrare.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One network start (connect, accept, bind) by a Linux process, normalized to ECS field names.
 * Written by ingest to the events topic, read by the training and scoring services.
 *
 * <p>Nested records mirror ECS objects, so the JSON is an ECS document: {@code host.name} is
 * {@code {"host":{"name":...}}}. {@link #field(String)} reads any supported field by its dotted ECS name,
 * which is how jobs name their by, partition and influencer fields.
 */
public record NetworkEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("@timestamp") Instant timestamp,
        Host host,
        Process process,
        User user,
        Endpoint source,
        Endpoint destination,
        Network network,
        Event event,
        long count,
        Provenance ingest) {

    public static final int SCHEMA_VERSION = 1;

    public NetworkEvent {
        requireNonNull(timestamp, "timestamp is null");
        host = host == null ? Host.EMPTY : host;
        process = process == null ? Process.EMPTY : process;
        user = user == null ? User.EMPTY : user;
        source = source == null ? Endpoint.EMPTY : source;
        destination = destination == null ? Endpoint.EMPTY : destination;
        network = network == null ? Network.EMPTY : network;
        event = event == null ? Event.EMPTY : event;
        count = count <= 0 ? 1 : count;
    }

    /** ECS {@code host.*}. */
    public record Host(String name, String id, Os os) {
        public static final Host EMPTY = new Host(null, null, null);
        public Host {
            os = os == null ? Os.EMPTY : os;
        }
    }

    /** ECS {@code host.os.*}. */
    public record Os(String type, String family, String name) {
        public static final Os EMPTY = new Os(null, null, null);
    }

    /** ECS {@code process.*}. */
    public record Process(String name, String executable, Long pid,
                          @JsonProperty("entity_id") String entityId) {
        public static final Process EMPTY = new Process(null, null, null, null);
    }

    /** ECS {@code user.*}. */
    public record User(String name, String id) {
        public static final User EMPTY = new User(null, null);
    }

    /** ECS {@code source.*} or {@code destination.*}. */
    public record Endpoint(String ip, Integer port) {
        public static final Endpoint EMPTY = new Endpoint(null, null);
    }

    /** ECS {@code network.*}. */
    public record Network(String transport, String direction) {
        public static final Network EMPTY = new Network(null, null);
    }

    /** ECS {@code event.*}. */
    public record Event(String action, List<String> category, List<String> type, String module, String dataset) {
        public static final Event EMPTY = new Event(null, List.of(), List.of(), null, null);
        public Event {
            category = category == null ? List.of() : List.copyOf(category);
            type = type == null ? List.of() : List.copyOf(type);
        }
    }

    /** Where ingest read the event: source name (file, topic), input format, and offset or line. */
    public record Provenance(String source, String format, Long offset) {
    }

    /**
     * The value of a field by its dotted ECS name, or {@code null} when absent.
     *
     * @throws IllegalArgumentException for a field name this record does not carry
     */
    public String field(String ecsName) {
        return reader(ecsName).apply(this);
    }

    /**
     * What {@link #field} gives for one dotted ECS name, as a function: for a caller that reads the same field of
     * many events, the name is looked up once, not per event.
     *
     * @throws IllegalArgumentException for a field name this record does not carry
     */
    public static java.util.function.Function<NetworkEvent, String> reader(String ecsName) {
        return switch (ecsName) {
            case "host.name" -> e -> e.host.name();
            case "host.id" -> e -> e.host.id();
            case "host.os.type" -> e -> e.host.os().type();
            case "host.os.family" -> e -> e.host.os().family();
            case "process.name" -> e -> e.process.name();
            case "process.executable" -> e -> e.process.executable();
            case "process.pid" -> e -> java.util.Objects.toString(e.process.pid(), null);
            case "process.entity_id" -> e -> e.process.entityId();
            case "user.name" -> e -> e.user.name();
            case "user.id" -> e -> e.user.id();
            case "source.ip" -> e -> e.source.ip();
            case "source.port" -> e -> java.util.Objects.toString(e.source.port(), null);
            case "destination.ip" -> e -> e.destination.ip();
            case "destination.port" -> e -> java.util.Objects.toString(e.destination.port(), null);
            case "network.transport" -> e -> e.network.transport();
            case "network.direction" -> e -> e.network.direction();
            case "event.action" -> e -> e.event.action();
            case "event.module" -> e -> e.event.module();
            case "event.dataset" -> e -> e.event.dataset();
            default -> throw new IllegalArgumentException("NetworkEvent has no field '" + ecsName + "'");
        };
    }

    /** True when {@link #field(String)} knows this dotted ECS name. */
    public static boolean hasField(String ecsName) {
        return SUPPORTED_FIELDS.contains(ecsName);
    }

    @JsonIgnore
    public static final List<String> SUPPORTED_FIELDS = List.of(
            "host.name", "host.id", "host.os.type", "host.os.family", "process.name", "process.executable",
            "process.pid", "process.entity_id", "user.name", "user.id", "source.ip", "source.port",
            "destination.ip", "destination.port", "network.transport", "network.direction", "event.action",
            "event.module", "event.dataset");
}
