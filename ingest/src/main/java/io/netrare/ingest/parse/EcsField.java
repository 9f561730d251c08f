package io.netrare.ingest.parse;

/** The ECS fields ingest reads from a document, by their dotted path. */
enum EcsField {
    TIMESTAMP("@timestamp"),
    EVENT_ACTION("event.action"),
    EVENT_CATEGORY("event.category"),
    EVENT_TYPE("event.type"),
    EVENT_MODULE("event.module"),
    EVENT_DATASET("event.dataset"),
    EVENT_KIND("event.kind"),
    EVENT_OUTCOME("event.outcome"),
    DATA_STREAM_DATASET("data_stream.dataset"),
    SERVICE_TYPE("service.type"),
    HOST_NAME("host.name"),
    HOST_HOSTNAME("host.hostname"),
    HOST_ID("host.id"),
    HOST_OS_TYPE("host.os.type"),
    HOST_OS_FAMILY("host.os.family"),
    HOST_OS_NAME("host.os.name"),
    HOST_OS_PLATFORM("host.os.platform"),
    PROCESS_NAME("process.name"),
    PROCESS_EXECUTABLE("process.executable"),
    PROCESS_PID("process.pid"),
    PROCESS_ENTITY_ID("process.entity_id"),
    USER_NAME("user.name"),
    USER_ID("user.id"),
    USER_UID("user.uid"),
    USER_NAME_MAP_UID("user.name_map.uid"),
    SOURCE_IP("source.ip"),
    SOURCE_PORT("source.port"),
    DESTINATION_IP("destination.ip"),
    DESTINATION_PORT("destination.port"),
    NETWORK_TRANSPORT("network.transport"),
    NETWORK_DIRECTION("network.direction"),
    AUDITD_MESSAGE_TYPE("auditd.message_type"),
    AUDITD_SYSCALL("auditd.data.syscall"),
    AUDITD_SOCKET_FAMILY("auditd.data.socket.family"),
    AUDITD_SOCKET_ADDR("auditd.data.socket.addr"),
    AUDITD_SOCKET_PORT("auditd.data.socket.port"),
    AUDITD_SOCKET_PATH("auditd.data.socket.path");

    final String path;

    EcsField(String path) {
        this.path = path;
    }
}
