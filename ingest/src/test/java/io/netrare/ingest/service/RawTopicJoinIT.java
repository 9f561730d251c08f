package io.netrare.ingest.service;

import io.netrare.runtime.RunningService;
import io.netrare.runtime.kafka.KafkaSettings;
import io.netrare.runtime.kafka.LoopSettings;
import io.netrare.runtime.kafka.TopicAdmin;
import io.netrare.runtime.metrics.MetricsSettings;
import io.netrare.runtime.testing.KafkaBrokerExtension;
import io.netrare.schema.EventCodec;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shipper sends auditd lines one per raw-topic record, keyed by host and stream: the lines of one event, split
 * over several records and interleaved with another host's, become one event; a user-space message with the
 * records of its carrying syscall is no dead letter; and a restart with an event half read emits it once.
 */
class RawTopicJoinIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    static String syscall(long serial, long pid, String comm) {
        return syscall(0, serial, pid, comm);
    }

    /** A connect's SYSCALL record {@code seconds} after the base time. */
    static String syscall(int seconds, long serial, long pid, String comm) {
        return "type=SYSCALL msg=audit(" + (1764558000 + seconds) + ".100:" + serial + "): arch=c000003e syscall=42 success=yes exit=0 a0=3 a1=7ffc "
                + "a2=10 a3=0 items=0 ppid=1 pid=" + pid + " auid=1000 uid=1000 comm=\"" + comm + "\" exe=\"/usr/bin/" + comm + "\" key=(null)";
    }

    static String sockaddr(long serial, String ipHex) {
        return sockaddr(0, serial, ipHex);
    }

    static String sockaddr(int seconds, long serial, String ipHex) {
        return "type=SOCKADDR msg=audit(" + (1764558000 + seconds) + ".100:" + serial + "): saddr=020001BB" + ipHex + "0000000000000000";
    }

    static String proctitle(long serial) {
        return "type=PROCTITLE msg=audit(1764558000.100:" + serial + "): proctitle=6375726C";
    }

    static String eoe(long serial) {
        return eoe(0, serial);
    }

    static String eoe(int seconds, long serial) {
        return "type=EOE msg=audit(" + (1764558000 + seconds) + ".100:" + serial + "):";
    }

    static Map.Entry<byte[], byte[]> rec(String key, String line) {
        return Map.entry(key.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAuditdEventSplitOverSeveralRecordsIsOneEvent() throws Exception {
        KafkaSettings kafka = KAFKA.settings("join-a").withTopicPrefix(KAFKA.uniqueTopic("join"));
        TopicAdmin.createAll(kafka, 1);
        String raw = kafka.topics().raw().name();
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>(List.of(
                rec("web-07/audit", syscall(500, 71, "curl")),
                rec("db-01/audit", syscall(900, 81, "psql")),
                rec("web-07/audit", sockaddr(500, "5DB8D822")), // 93.184.216.34
                rec("db-01/audit", sockaddr(900, "0A000005")),  // 10.0.0.5
                rec("db-01/audit", eoe(900)),
                rec("web-07/audit", proctitle(500)),
                rec("web-07/audit", eoe(500))));
        // systemd's SERVICE_START and the records of its netlink send, one record each
        String[] start = {
                "type=SERVICE_START msg=audit(1764558001.000:501): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='unit=cron comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" hostname=? addr=? terminal=? res=success'",
                "type=SYSCALL msg=audit(1764558001.000:501): arch=c000003e syscall=44 success=yes exit=160 a0=3 a1=7ffd a2=a0 a3=0 items=0 ppid=0 pid=1 auid=4294967295 uid=0 comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\" key=(null)",
                "type=SOCKADDR msg=audit(1764558001.000:501): saddr=100000000000000000000000",
                "type=UNKNOWN[1420] msg=audit(1764558001.000:501): subj_apparmor=unconfined",
                "type=EOE msg=audit(1764558001.000:501):"};
        for (String line : start) {
            records.add(rec("web-07/audit", line));
        }
        // Filebeat's Kafka output: unkeyed JSON envelopes, the line in "message"; host and file name the source
        for (String line : List.of(syscall(700, 91, "scp"), sockaddr(700, "C6336407"), eoe(700))) {
            records.add(new java.util.AbstractMap.SimpleEntry<byte[], byte[]>(null, Json.write(Map.of("@timestamp", "2025-12-01T03:00:00Z", "message", line,
                    "host", Map.of("name", "db-02"), "log", Map.of("file", Map.of("path", "/var/log/audit/audit.log"))))));
        }
        KAFKA.produce(raw, records);

        try (RunningService<IngestServiceConfig> service = IngestMain.runner().start(new IngestServiceConfig(kafka,
                MetricsSettings.localFreePort(), LoopSettings.defaults(), null, IngestSettings.defaults().withMaxPast("none")))) {
            List<NetworkEvent> events = KAFKA.readCommitted(kafka.topics().events().name(), 3, Duration.ofSeconds(60)).stream()
                    .map(r -> EventCodec.decode(r.value())).toList();
            assertThat(events).extracting(e -> e.process().pid() + "->" + e.destination().ip())
                    .containsExactlyInAnyOrder("71->93.184.216.34", "81->10.0.0.5", "91->198.51.100.7");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    service.registry().get("netrare.ingest.events.filtered").tag("reason", "not_network_start").counter().count() == 1);
        }
        assertThat(KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 0, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aRestartWithAnEventHalfReadEmitsEveryEventOnce() throws Exception {
        KafkaSettings kafka = KAFKA.settings("join-b").withTopicPrefix(KAFKA.uniqueTopic("join"));
        TopicAdmin.createAll(kafka, 1);
        String raw = kafka.topics().raw().name();
        // no wall-clock timeout: events complete by their EOE, or by a record 10 s newer in event time
        IngestSettings settings = IngestSettings.defaults().withMaxPast("none");
        settings = new IngestSettings(settings.files(), true, settings.format(), null, settings.batchLines(), "none",
                null, null, new io.netrare.ingest.AuditReassemblyConfig(Duration.ofSeconds(10), 50, Duration.ofHours(1)), null, 0);
        IngestServiceConfig config = new IngestServiceConfig(kafka, MetricsSettings.localFreePort(), LoopSettings.defaults(),
                null, settings);
        // 599 is the stream's first event: it leaves once 600, 20 s newer, shows no lower serial is coming.
        // Then 602 opens, and 601 completes and is emitted while 602 is still open.
        KAFKA.produce(raw, List.of(
                rec("web-07/audit", syscall(0, 599, 70, "nc")),
                rec("web-07/audit", sockaddr(0, 599, "5DB8D822")),
                rec("web-07/audit", eoe(0, 599)),
                rec("web-07/audit", syscall(20, 600, 71, "curl")),
                rec("web-07/audit", sockaddr(20, 600, "5DB8D822")),
                rec("web-07/audit", eoe(20, 600)),
                rec("web-07/audit", syscall(20, 602, 73, "ssh")),
                rec("web-07/audit", syscall(20, 601, 72, "wget")),
                rec("web-07/audit", sockaddr(20, 601, "5DB8D822")),
                rec("web-07/audit", eoe(20, 601)),
                rec("web-07/audit", sockaddr(20, 602, "0A000005"))));
        String events = kafka.topics().events().name();
        try (RunningService<IngestServiceConfig> first = IngestMain.runner().start(config)) {
            assertThat(KAFKA.readCommitted(events, 3, Duration.ofSeconds(60))).hasSize(3);
        } // stops with 602 open: its first record is the committed offset
        KAFKA.produce(raw, List.of(rec("web-07/audit", eoe(20, 602))));
        try (RunningService<IngestServiceConfig> second = IngestMain.runner().start(config)) {
            List<ConsumerRecord<byte[], byte[]>> out = KAFKA.readCommitted(events, 4, Duration.ofSeconds(60));
            assertThat(out).extracting(r -> EventCodec.decode(r.value()).process().pid())
                    .containsExactlyInAnyOrder(70L, 71L, 72L, 73L);
        }
        assertThat(KAFKA.readCommitted(kafka.topics().deadLetters("ingest").name(), 0, Duration.ofSeconds(2))).isEmpty();
    }
}
