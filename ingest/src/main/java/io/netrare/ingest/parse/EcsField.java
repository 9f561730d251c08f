package io.netrare.ingest.parse;

/** The ECS fields ingest reads from a document, by their dotted path. */
enum EcsField {
    TIMESTAMP("@timestamp", false),
    EVENT_ACTION("event.action", true),
    EVENT_CATEGORY("event.category", true),
    EVENT_TYPE("event.type", true),
    EVENT_MODULE("event.module", true),
    EVENT_DATASET("event.dataset", true),
    EVENT_KIND("event.kind", true),
    EVENT_OUTCOME("event.outcome", true),
    DATA_STREAM_DATASET("data_stream.dataset", true),
    SERVICE_TYPE("service.type", true),
    HOST_NAME("host.name", true),
    HOST_HOSTNAME("host.hostname", true),
    HOST_ID("host.id", true),
    HOST_OS_TYPE("host.os.type", true),
    HOST_OS_FAMILY("host.os.family", true),
    HOST_OS_NAME("host.os.name", true),
    HOST_OS_PLATFORM("host.os.platform", true),
    PROCESS_NAME("process.name", true),
    PROCESS_EXECUTABLE("process.executable", true),
    PROCESS_PID("process.pid", true),
    PROCESS_ENTITY_ID("process.entity_id", true),
    USER_NAME("user.name", true),
    USER_ID("user.id", true),
    USER_UID("user.uid", true),
    USER_NAME_MAP_UID("user.name_map.uid", true),
    SOURCE_IP("source.ip", true),
    SOURCE_PORT("source.port", false),
    DESTINATION_IP("destination.ip", true),
    DESTINATION_PORT("destination.port", true),
    NETWORK_TRANSPORT("network.transport", true),
    NETWORK_DIRECTION("network.direction", true),
    AUDITD_MESSAGE_TYPE("auditd.message_type", true),
    AUDITD_SYSCALL("auditd.data.syscall", true),
    AUDITD_SOCKET_FAMILY("auditd.data.socket.family", true),
    AUDITD_SOCKET_ADDR("auditd.data.socket.addr", false),
    AUDITD_SOCKET_PORT("auditd.data.socket.port", false),
    AUDITD_SOCKET_PATH("auditd.data.socket.path", false);

    final String path;
    /**
     * Whether the same values come again and again (a host's name, a process's path and id, a category: every
     * connection of a process repeats them), so a value read before is handed out again instead of a new string;
     * not for values that are mostly new (times, source ports, socket addresses).
     */
    final boolean repeats;

    EcsField(String path, boolean repeats) {
        this.path = path;
        this.repeats = repeats;
    }
}
